export default definePageConfig({ navigationBarTitleText: '编辑支持计划' });
