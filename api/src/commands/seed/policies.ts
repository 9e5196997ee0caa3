/**
 * Sample policies drawn from ../shared/seeds (facts and figures from the source news; summaries
 * written for TechBridge). Facets follow the shared taxonomy.
 */
export const seedPolicies = [
  {
    title: '上海市促进科技成果转移转化行动方案（2024-2027年）',
    issuer: '上海市人民政府办公厅',
    publishedAt: '2024-10-15T02:00:00Z',
    regions: ['310000'],
    topics: ['ownership-reform', 'poc', 'tto', 'open-innovation', 'healthcare'],
    audiences: ['institution', 'enterprise', 'researcher'],
    summary:
      '六项行动、十八项任务，从“三权下放”走向“赋权改革”，推动高校、科研院所和医疗卫生机构的成果走向市场。2023 年本市科研事业单位技术合同成交额超过 180 亿元，以许可、转让、作价投资方式转化的合同金额超过 50 亿元。',
    sourceUrl: 'https://www.shanghai.gov.cn/',
    seedFile: '000',
  },
  {
    title: '上海市促进科技成果转移转化行动方案（2017-2020）',
    issuer: '上海市人民政府',
    publishedAt: '2017-06-01T02:00:00Z',
    regions: ['310000'],
    topics: ['tto', 'tech-manager', 'incubator', 'sci-finance'],
    audiences: ['institution', 'enterprise', 'tech-manager'],
    summary:
      '上一轮三年行动方案：培育技术转移服务机构、推广科技创新券、建设专业化孵化载体和技术转移人才队伍，各项任务明确牵头部门。',
    seedFile: '001',
  },
  {
    docNo: '沪科建复〔2023〕6号',
    title: '关于加强“从 1 到 10”中间阶段项目支持的代表建议答复',
    issuer: '上海市科学技术委员会',
    publishedAt: '2023-05-10T02:00:00Z',
    regions: ['310000'],
    topics: ['poc', 'matchmaking', 'tech-manager'],
    audiences: ['enterprise', 'institution', 'tech-manager'],
    summary:
      '市科委答复人大代表建议：Innomatch 平台已征集 1385 家企业的 2617 项技术需求，解决 581 项、金额 18.3 亿元，需求匹配率由不足 20% 提升到 46%；继续建设概念验证中心、培养技术经理人。',
    seedFile: '003',
  },
  {
    title: '北京中关村核心区开展科技成果“先使用后付费”改革试点',
    issuer: '北京市',
    publishedAt: '2022-10-11T00:00:00Z',
    regions: ['110000'],
    topics: ['ip', 'healthcare', 'sci-finance', 'tech-manager'],
    audiences: ['enterprise', 'institution'],
    summary:
      '高校、科研机构和医疗卫生机构可授权中小企业先试用科技成果，专利许可费采用“零门槛费 + 里程碑付费”等方式；同批出台 4 项新政，并设立规模 300 亿元的基金，全年举办约 500 场“火花”对接活动。',
    seedFile: '004',
  },
  {
    title: '上海概念验证、开放创新与技术转移机构培育等五项计划',
    issuer: '上海市科学技术委员会',
    publishedAt: '2024-10-16T02:00:00Z',
    regions: ['310000'],
    topics: ['poc', 'open-innovation', 'tto', 'incubator'],
    audiences: ['enterprise', 'institution', 'investor'],
    summary:
      '行动方案配套的五项计划：概念验证中心建设（POC）、大企业开放式创新中心（GOI）、技术转移机构培育（TTO）、技术转移加速（TTA）与探索者计划。',
    seedFile: '002',
  },
];
