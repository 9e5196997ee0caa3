/** Sample WeChat group profiles (room ids are the mock puppet's; a real bot re-registers its own). */
export const seedGroups = [
  { key: 'g01', roomId: 'sh-poc@chatroom', topic: '上海概念验证中心交流群', regions: ['310000'], topics: ['poc'], audiences: ['enterprise', 'institution'], keywords: [] },
  { key: 'g02', roomId: 'sh-tto@chatroom', topic: '上海高校技术转移办公室联络群', regions: ['310000'], topics: ['tto', 'ownership-reform'], audiences: ['institution'], keywords: ['赋权'] },
  { key: 'g03', roomId: 'sh-biomed@chatroom', topic: '上海生物医药成果转化群', regions: ['310000'], topics: ['biomed', 'healthcare'], audiences: [], keywords: ['CAR-T'] },
  { key: 'g04', roomId: 'sh-ic@chatroom', topic: '张江集成电路产学研群', regions: ['310000'], topics: ['ic'], audiences: ['enterprise'], keywords: ['芯片'] },
  { key: 'g05', roomId: 'sh-tm@chatroom', topic: '上海技术经理人之家', regions: ['310000'], topics: ['tech-manager'], audiences: ['tech-manager'], keywords: [] },
  { key: 'g06', roomId: 'bj-zgc@chatroom', topic: '中关村成果转化服务群', regions: ['110000'], topics: ['ip', 'tto'], audiences: ['enterprise', 'institution'], keywords: ['先使用后付费'] },
  { key: 'g07', roomId: 'bj-health@chatroom', topic: '北京医疗卫生成果转化群', regions: ['110000'], topics: ['healthcare'], audiences: [], keywords: [] },
  { key: 'g08', roomId: 'national-invest@chatroom', topic: '全国科技金融与投资人群', regions: ['000000'], topics: ['sci-finance'], audiences: ['investor'], keywords: ['基金'] },
  { key: 'g09', roomId: 'yrd-ai@chatroom', topic: '长三角人工智能创新群', regions: ['310000', '320000', '330000'], topics: ['ai', 'open-innovation'], audiences: ['enterprise', 'researcher'], keywords: ['挑战赛'] },
  { key: 'g10', roomId: 'tj-mfg@chatroom', topic: '天津先进制造对接群', regions: ['120000'], topics: ['advanced-mfg'], audiences: ['enterprise'], keywords: [] },
  { key: 'g11', roomId: 'sh-incubator@chatroom', topic: '上海孵化器与众创空间联盟', regions: ['310000'], topics: ['incubator', 'open-innovation'], audiences: ['enterprise'], keywords: ['GOI'] },
  { key: 'g12', roomId: 'national-policy@chatroom', topic: '科技成果转化政策速递', regions: ['000000'], topics: ['ownership-reform', 'ip', 'poc', 'tto'], audiences: [], keywords: [] },
];
