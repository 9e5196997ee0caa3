export default definePageConfig({ navigationBarTitleText: '申报项目', enablePullDownRefresh: true });
