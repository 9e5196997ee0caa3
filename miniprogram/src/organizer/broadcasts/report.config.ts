export default definePageConfig({ navigationBarTitleText: '群发报告' });
