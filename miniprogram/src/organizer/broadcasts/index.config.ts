export default definePageConfig({ navigationBarTitleText: '群发管理' });
