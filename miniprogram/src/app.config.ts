// Pages users reach from pushed links and the tab bar are in the main package; organizer tools are a
// subpackage so they never count against the main package budget.
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/policy/list',
    'pages/policy/detail',
    'pages/program/list',
    'pages/program/detail',
    'pages/event/list',
    'pages/event/detail',
    'pages/event/signup',
    'pages/event/result',
    'pages/me/index',
    'pages/me/registrations',
    'pages/me/subscriptions',
    'pages/login/index',
  ],
  subPackages: [
    {
      root: 'organizer',
      pages: [
        'events/index',
        'events/edit',
        'events/registrants',
        'events/checkin',
        'broadcasts/index',
        'broadcasts/edit',
        'broadcasts/report',
        'groups/index',
        'groups/edit',
        'policies/index',
        'policies/edit',
        'programs/index',
        'programs/edit',
        'insights/event',
        'insights/broadcast',
        'insights/group',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f5eff',
    navigationBarTitleText: '科转通',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#1f5eff',
    backgroundColor: '#ffffff',
    list: [
      {
        pagePath: 'pages/index/index',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
        text: '首页',
      },
      {
        pagePath: 'pages/policy/list',
        iconPath: 'assets/tab/policy.png',
        selectedIconPath: 'assets/tab/policy-active.png',
        text: '政策',
      },
      {
        pagePath: 'pages/event/list',
        iconPath: 'assets/tab/event.png',
        selectedIconPath: 'assets/tab/event-active.png',
        text: '活动',
      },
      { pagePath: 'pages/me/index', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png', text: '我的' },
    ],
  },
});
