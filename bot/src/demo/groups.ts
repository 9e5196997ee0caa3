/**
 * The demo world's rooms: the sample groups the api seeds (api/src/commands/seed/groups.ts), so
 * that deliveries planned for them by the api land in these simulated rooms. Copied rather than
 * imported to keep the bot independent of the api's source; test/bot/demo.test.ts keeps the two
 * lists equal.
 */
export const demoGroups = [
  { roomId: 'sh-poc@chatroom', topic: '上海概念验证中心交流群' },
  { roomId: 'sh-tto@chatroom', topic: '上海高校技术转移办公室联络群' },
  { roomId: 'sh-biomed@chatroom', topic: '上海生物医药成果转化群' },
  { roomId: 'sh-ic@chatroom', topic: '张江集成电路产学研群' },
  { roomId: 'sh-tm@chatroom', topic: '上海技术经理人之家' },
  { roomId: 'bj-zgc@chatroom', topic: '中关村成果转化服务群' },
  { roomId: 'bj-health@chatroom', topic: '北京医疗卫生成果转化群' },
  { roomId: 'national-invest@chatroom', topic: '全国科技金融与投资人群' },
  { roomId: 'yrd-ai@chatroom', topic: '长三角人工智能创新群' },
  { roomId: 'tj-mfg@chatroom', topic: '天津先进制造对接群' },
  { roomId: 'sh-incubator@chatroom', topic: '上海孵化器与众创空间联盟' },
  { roomId: 'national-policy@chatroom', topic: '科技成果转化政策速递' },
] as const;

/** A room the bot is invited into while the demo runs (shows the help text after an invitation). */
export const demoInviteRoom = { roomId: 'zj-tt@chatroom', topic: '浙江技术转移合作群' } as const;

/** The manager the api's sample data names for a demo room (same rule as the api's `seedManager`). */
export const demoManager = (roomId: string) => ({ id: `mgr-${roomId.split('@')[0]}`, name: '周老师' });
