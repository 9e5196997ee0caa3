export default definePageConfig({ navigationBarTitleText: '编写群发' });
