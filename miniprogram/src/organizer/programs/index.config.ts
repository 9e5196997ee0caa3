export default definePageConfig({ navigationBarTitleText: '支持计划管理' });
