export default definePageConfig({ navigationBarTitleText: '科转通' });
