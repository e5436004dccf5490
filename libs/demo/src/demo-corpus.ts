import type {
  District,
  FundingType,
  Guarantee,
  Industry,
  InstitutionKind,
  NeedPurpose,
  ProductKind,
  Qualification,
} from '@app/core';

/**
 * The words the demo seed and the generator build their rows from. Every name is made up:
 * brand syllables are combined at random, so no row names a real company.
 */

export const DISTRICT_WEIGHTS: readonly (readonly [District, number])[] = [
  ['laoshan', 18],
  ['huangdao', 16],
  ['chengyang', 13],
  ['shinan', 10],
  ['shibei', 9],
  ['licang', 8],
  ['jimo', 9],
  ['jiaozhou', 8],
  ['pingdu', 5],
  ['laixi', 4],
];

export const INDUSTRY_WEIGHTS: readonly (readonly [Industry, number])[] = [
  ['software', 14],
  ['ic', 6],
  ['ai', 9],
  ['display', 3],
  ['vr', 4],
  ['biomed', 9],
  ['marine', 9],
  ['new_energy', 7],
  ['new_materials', 8],
  ['high_end_equipment', 9],
  ['smart_manufacturing', 9],
  ['rail_transit', 4],
  ['agritech', 4],
  ['green', 5],
  ['other', 2],
];

/** Syllables two of which make an enterprise's brand (字号). */
export const BRAND_SYLLABLES = [
  '海',
  '蓝',
  '琴',
  '崂',
  '澜',
  '汇',
  '鳌',
  '珠',
  '青',
  '瑞',
  '博',
  '启',
  '明',
  '恒',
  '智',
  '睿',
  '远',
  '星',
  '浪',
  '峰',
  '湾',
  '源',
  '泰',
  '宏',
  '联',
  '创',
  '鼎',
  '航',
  '拓',
  '晟',
  '谱',
  '翼',
  '芯',
  '澄',
  '沐',
  '嘉',
  '岚',
  '朗',
  '晶',
  '川',
  '禾',
  '钧',
  '屹',
  '骏',
  '潮',
] as const;

export const ENTERPRISE_SUFFIXES = ['科技有限公司', '技术有限公司', '股份有限公司', '有限公司'];

interface IndustryWords {
  /** What goes between the brand and the suffix: 青岛海芯 + 微电子 + 有限公司. */
  nameWords: string[];
  /** One line of what the company does. */
  business: string[];
  /** What an R&D or transfer project is about. */
  projects: string[];
  /** Equipment it buys. */
  equipment: string[];
}

export const INDUSTRY_WORDS: Record<Industry, IndustryWords> = {
  software: {
    nameWords: ['软件', '信息', '数据', '云计算', '网络'],
    business: [
      '面向制造企业的工业软件与数据平台',
      '政务与金融行业信息化解决方案',
      '企业级SaaS协同办公平台',
    ],
    projects: ['工业互联网平台', '数据中台', '低代码开发平台', '信创适配版本'],
    equipment: ['服务器集群', '测试环境与存储设备'],
  },
  ic: {
    nameWords: ['微电子', '半导体', '集成电路', '芯片'],
    business: ['功率半导体芯片设计与封测', 'MEMS传感器芯片设计', '射频前端芯片研发'],
    projects: ['车规级功率芯片', 'SiC功率器件', '高精度MEMS传感器'],
    equipment: ['晶圆测试设备', '封装测试生产线'],
  },
  ai: {
    nameWords: ['智能', '智算', '视觉', '机器人'],
    business: ['工业视觉检测算法与设备', '大模型行业应用与智能客服', '服务机器人研发与制造'],
    projects: ['工业质检视觉模型', '港口智能调度算法', '行业大模型'],
    equipment: ['GPU算力服务器', '机器人装配产线'],
  },
  display: {
    nameWords: ['光电', '显示', '显示技术'],
    business: ['Micro LED显示模组研发与制造', '车载显示屏与触控模组生产'],
    projects: ['Micro LED巨量转移工艺', '柔性OLED驱动方案'],
    equipment: ['贴合与检测设备', '洁净车间改造'],
  },
  vr: {
    nameWords: ['虚拟现实', '数字科技', '元宇宙'],
    business: ['VR/AR内容制作与行业培训系统', '数字孪生可视化平台'],
    projects: ['VR实训系统', '城市数字孪生平台'],
    equipment: ['动作捕捉设备', '渲染服务器'],
  },
  biomed: {
    nameWords: ['生物医药', '生物科技', '医疗器械', '药业'],
    business: ['海洋生物活性物质与创新药物研发', '体外诊断试剂研发与生产', '高端医疗器械研发制造'],
    projects: ['海洋多糖创新药', '体外诊断试剂盒', '可降解医用材料'],
    equipment: ['GMP洁净车间', '发酵与纯化设备'],
  },
  marine: {
    nameWords: ['海洋科技', '海洋装备', '海洋生物'],
    business: ['海洋观测仪器与水下机器人研发', '深远海养殖装备制造', '海洋生物制品开发'],
    projects: ['水下无人航行器', '深远海养殖工船配套系统', '海洋监测浮标'],
    equipment: ['水池试验设备', '海上试验船租用'],
  },
  new_energy: {
    nameWords: ['新能源', '储能', '氢能', '光伏'],
    business: ['储能系统集成与电池管理', '氢燃料电池关键部件研发', '分布式光伏电站运营'],
    projects: ['工商业储能系统', '燃料电池双极板', '电池管理系统'],
    equipment: ['电芯检测设备', 'PACK自动化产线'],
  },
  new_materials: {
    nameWords: ['新材料', '材料科技', '复合材料'],
    business: ['高性能碳纤维复合材料研发生产', '石墨烯功能材料应用开发', '特种涂料研发制造'],
    projects: ['碳纤维复合材料构件', '石墨烯导热膜', '海洋防腐涂料'],
    equipment: ['热压成型设备', '涂布生产线'],
  },
  high_end_equipment: {
    nameWords: ['智能装备', '精密机械', '装备制造'],
    business: ['海洋工程智能装备与水下机器人研发制造', '数控机床与精密加工', '工业自动化装备制造'],
    projects: ['五轴数控系统', '智能焊接机器人', '精密减速器'],
    equipment: ['五轴加工中心', '三坐标测量机'],
  },
  smart_manufacturing: {
    nameWords: ['智能制造', '自动化', '工业科技'],
    business: ['家电行业柔性生产线集成', '智能仓储物流系统集成', 'MES与数字化工厂实施'],
    projects: ['柔性装配产线', '数字化工厂解决方案', 'AGV调度系统'],
    equipment: ['工业机器人', '自动化立体仓库'],
  },
  rail_transit: {
    nameWords: ['轨道交通', '轨道科技'],
    business: ['轨道交通车辆零部件研发制造', '列车运行监测系统'],
    projects: ['高速列车减振部件', '轨道巡检机器人'],
    equipment: ['疲劳试验台', '焊接机器人工作站'],
  },
  agritech: {
    nameWords: ['农业科技', '智慧农业', '种业'],
    business: ['设施农业智能控制系统', '优质种苗繁育与推广'],
    projects: ['智能温室控制系统', '耐盐碱品种选育'],
    equipment: ['智能温室', '组培实验室设备'],
  },
  green: {
    nameWords: ['环保科技', '节能', '环境科技'],
    business: ['工业废水处理与资源化', '余热回收与节能改造', '固废资源化利用'],
    projects: ['膜法污水处理工艺', '余热回收系统', '固废再生利用工艺'],
    equipment: ['环保处理设备', '检测分析仪器'],
  },
  other: {
    nameWords: ['科技', '技术服务'],
    business: ['科技咨询与技术服务', '检验检测服务'],
    projects: ['检测能力扩项', '技术服务平台'],
    equipment: ['检测仪器', '实验室设备'],
  },
};

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '林',
  '何',
  '高',
  '于',
  '姜',
  '宋',
  '曲',
  '崔',
  '隋',
];
export const GIVEN_NAMES = [
  '伟',
  '敏',
  '静',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '海燕',
  '晓东',
  '建华',
  '志强',
  '文博',
  '雪梅',
  '子涵',
  '思远',
  '海波',
  '立新',
];
export const MOBILE_PREFIXES = [
  '135',
  '136',
  '138',
  '139',
  '150',
  '158',
  '159',
  '186',
  '187',
  '188',
];

export const PURPOSE_WEIGHTS: readonly (readonly [NeedPurpose, number])[] = [
  ['working_capital', 35],
  ['rnd', 22],
  ['equipment', 16],
  ['expansion', 14],
  ['tech_transfer', 9],
  ['other', 4],
];

interface PurposeWords {
  titles: string[];
  uses: string[];
  termMonths: [number, number];
  /** Share of annual revenue asked for, as a range. */
  revenueShare: [number, number];
}

/** {project} and {equipment} come from the industry, {brand} is the enterprise's. */
export const PURPOSE_WORDS: Record<NeedPurpose, PurposeWords> = {
  working_capital: {
    titles: [
      '订单增长带来的流动资金需求',
      '{project}订单交付流动资金贷款',
      '原材料采购备货资金需求',
      '应收账款回款周期较长，申请流动资金',
    ],
    uses: [
      '用于原材料采购和订单交付',
      '用于支付供应商货款和人员工资',
      '缓解下游客户回款周期带来的资金压力',
    ],
    termMonths: [6, 12],
    revenueShare: [0.08, 0.3],
  },
  rnd: {
    titles: ['{project}研发资金需求', '新一代{project}研发投入', '{project}关键技术攻关融资'],
    uses: [
      '用于研发团队扩充和样机试制',
      '用于关键技术攻关与测试验证',
      '用于研发设备和软件工具投入',
    ],
    termMonths: [12, 36],
    revenueShare: [0.1, 0.5],
  },
  equipment: {
    titles: ['购置{equipment}融资需求', '{equipment}升级改造资金', '新增{equipment}设备融资'],
    uses: ['用于购置{equipment}，提升产能和良品率', '可接受融资租赁方式购置{equipment}'],
    termMonths: [24, 60],
    revenueShare: [0.1, 0.4],
  },
  expansion: {
    titles: ['{project}扩产项目融资', '新建生产基地资金需求', '产能扩张及厂房建设融资'],
    uses: ['用于新厂房建设和产线扩建', '用于扩大{project}产能，满足新增订单'],
    termMonths: [24, 60],
    revenueShare: [0.2, 0.8],
  },
  tech_transfer: {
    titles: [
      '{project}成果转化项目融资',
      '高校合作成果{project}产业化资金',
      '专利技术转化落地融资需求',
    ],
    uses: ['用于与高校院所合作成果的中试和产业化', '用于专利许可费用和中试线建设'],
    termMonths: [12, 36],
    revenueShare: [0.1, 0.4],
  },
  other: {
    titles: ['股权融资引入战略投资者', '企业发展综合融资需求'],
    uses: ['用于市场拓展和品牌建设', '用于补充营运资金、优化融资结构'],
    termMonths: [6, 24],
    revenueShare: [0.05, 0.3],
  },
};

export const GUARANTEE_NOTES: Record<Guarantee, string> = {
  credit: '企业经营稳健、纳税记录良好，希望以信用方式融资',
  ip_pledge: '可提供发明专利等知识产权质押',
  equity_pledge: '实际控制人可提供股权质押',
  mortgage: '可提供厂房或设备抵押',
  receivables: '可提供核心企业应收账款质押',
  guarantor: '可由融资担保公司提供担保',
  insurance: '可购买贷款保证保险',
};

/** Fictional institution brands; combined with the kind's pattern below. */
export const INSTITUTION_BRANDS = [
  '琴澳',
  '蓝港',
  '鳌山湾',
  '金沙滩',
  '浮山',
  '汇泉',
  '栈桥',
  '珠山',
  '灵山湾',
  '小麦岛',
  '凤凰岛',
  '唐岛湾',
  '石老人',
  '太平角',
  '八大关',
  '琅琊台',
  '大泽山',
  '少海',
  '墨水河',
  '白沙河',
];

export const INSTITUTION_KIND_WEIGHTS: readonly (readonly [InstitutionKind, number])[] = [
  ['bank', 40],
  ['investor', 20],
  ['insurer', 10],
  ['guarantor', 15],
  ['leasing', 15],
];

export const INSTITUTION_NAME_PATTERNS: Record<InstitutionKind, string[]> = {
  bank: [
    '{brand}银行青岛{district}科技支行',
    '{brand}银行青岛分行',
    '{brand}农村商业银行科技金融部',
  ],
  investor: [
    '青岛{brand}创业投资有限公司',
    '青岛{brand}科创股权投资基金',
    '{brand}资本管理有限公司',
  ],
  insurer: ['{brand}财产保险股份有限公司青岛分公司', '{brand}保险青岛科技保险中心'],
  guarantor: ['青岛{brand}科技融资担保有限公司', '青岛{brand}融资担保有限公司'],
  leasing: ['青岛{brand}融资租赁有限公司', '{brand}科技融资租赁有限公司'],
};

export const INSTITUTION_DESCRIPTIONS: Record<InstitutionKind, string> = {
  bank: '专注科技型中小企业信贷服务，提供信用贷、知识产权质押贷等特色产品。',
  investor: '聚焦硬科技领域早中期股权投资，与合作银行开展投贷联动。',
  insurer: '为科技企业提供贷款保证保险、首台套保险等科技保险服务。',
  guarantor: '为科技企业提供融资担保，降低企业融资门槛。',
  leasing: '为科技制造企业提供设备直租、售后回租等融资租赁服务。',
};

interface ProductWords {
  offeredBy: InstitutionKind[];
  stems: string[];
  description: string;
  amount: [number[], number[]];
  term: [number, number];
  rate: [number, number];
  guarantees: Guarantee[];
  fundingTypes: FundingType[];
  approvalDays: [number, number];
  /** Chance that only whitelisted enterprises may apply. */
  whitelistChance: number;
  qualifications: Qualification[];
}

const W = 10_000;

export const PRODUCT_KIND_WEIGHTS: readonly (readonly [ProductKind, number])[] = [
  ['credit_loan', 16],
  ['ip_pledge_loan', 12],
  ['equity_pledge_loan', 5],
  ['talent_loan', 7],
  ['tech_transfer_loan', 6],
  ['order_financing', 8],
  ['insured_loan', 8],
  ['guaranteed_loan', 10],
  ['loan_equity_linked', 7],
  ['equity_investment', 8],
  ['leasing', 8],
  ['supply_chain', 4],
  ['other', 1],
];

export const PRODUCT_WORDS: Record<ProductKind, ProductWords> = {
  credit_loan: {
    offeredBy: ['bank'],
    stems: ['科创信用贷', '科技e贷', '高企贷', '专精特新贷', '税信贷'],
    description:
      '面向科技型中小企业的纯信用贷款，无需抵押，依据企业纳税、研发投入和知识产权情况综合授信，随借随还。',
    amount: [
      [10 * W, 50 * W],
      [300 * W, 500 * W, 1000 * W],
    ],
    term: [6, 36],
    rate: [320, 600],
    guarantees: ['credit'],
    fundingTypes: ['loan'],
    approvalDays: [3, 10],
    whitelistChance: 0.5,
    qualifications: ['high_tech', 'tech_sme', 'specialized'],
  },
  ip_pledge_loan: {
    offeredBy: ['bank'],
    stems: ['知识产权质押贷', '知产贷', '专利贷', '知识价值信用贷'],
    description:
      '以企业持有的发明专利、实用新型专利、商标等知识产权作为质押，评估后给予授信，可叠加政府贴息和风险补偿。',
    amount: [
      [50 * W, 100 * W],
      [500 * W, 1000 * W, 3000 * W],
    ],
    term: [12, 36],
    rate: [330, 550],
    guarantees: ['ip_pledge'],
    fundingTypes: ['loan'],
    approvalDays: [7, 20],
    whitelistChance: 0.3,
    qualifications: ['high_tech', 'tech_sme'],
  },
  equity_pledge_loan: {
    offeredBy: ['bank'],
    stems: ['股权质押贷', '科创股权融'],
    description:
      '以企业股东持有的股权作为质押物发放的贷款，适用于已获得股权投资、估值清晰的成长期科技企业。',
    amount: [
      [100 * W, 200 * W],
      [1000 * W, 3000 * W],
    ],
    term: [12, 36],
    rate: [380, 650],
    guarantees: ['equity_pledge'],
    fundingTypes: ['loan'],
    approvalDays: [10, 25],
    whitelistChance: 0.2,
    qualifications: [],
  },
  talent_loan: {
    offeredBy: ['bank'],
    stems: ['人才贷', '英才贷', '海外高层次人才创业贷'],
    description:
      '面向高层次人才创办或领办的科技企业，以人才信用为主要依据发放贷款，享受人才政策贴息。',
    amount: [
      [20 * W, 50 * W],
      [300 * W, 500 * W],
    ],
    term: [12, 36],
    rate: [300, 500],
    guarantees: ['credit', 'guarantor'],
    fundingTypes: ['loan'],
    approvalDays: [5, 15],
    whitelistChance: 0.2,
    qualifications: ['tech_sme'],
  },
  tech_transfer_loan: {
    offeredBy: ['bank'],
    stems: ['成果转化贷', '科技成果转化专项贷款'],
    description:
      '支持企业承接高校院所科技成果并开展中试和产业化，可以成果转化合同和专利许可作为还款来源依据。',
    amount: [
      [50 * W, 100 * W],
      [500 * W, 1000 * W],
    ],
    term: [12, 48],
    rate: [330, 560],
    guarantees: ['ip_pledge', 'credit'],
    fundingTypes: ['loan'],
    approvalDays: [7, 20],
    whitelistChance: 0.3,
    qualifications: ['high_tech', 'tech_sme'],
  },
  order_financing: {
    offeredBy: ['bank'],
    stems: ['订单贷', '应收账款融资', '政采贷'],
    description:
      '以企业真实的采购订单或应收账款为基础提供融资，额度与订单金额挂钩，回款后自动还款。',
    amount: [
      [20 * W, 50 * W],
      [500 * W, 1000 * W, 2000 * W],
    ],
    term: [3, 12],
    rate: [350, 600],
    guarantees: ['receivables'],
    fundingTypes: ['loan'],
    approvalDays: [3, 10],
    whitelistChance: 0.1,
    qualifications: [],
  },
  insured_loan: {
    offeredBy: ['bank', 'insurer'],
    stems: ['科技保贷', '保证保险贷款', '政银保'],
    description: '由保险机构为企业贷款提供保证保险，银行据此发放贷款，政府对保费和利息给予补贴。',
    amount: [
      [20 * W, 50 * W],
      [300 * W, 500 * W],
    ],
    term: [6, 24],
    rate: [380, 650],
    guarantees: ['insurance'],
    fundingTypes: ['insured_loan', 'loan'],
    approvalDays: [7, 20],
    whitelistChance: 0.4,
    qualifications: ['tech_sme', 'high_tech'],
  },
  guaranteed_loan: {
    offeredBy: ['guarantor', 'bank'],
    stems: ['科技担保贷', '担保增信贷', '科创担保通'],
    description:
      '由融资担保机构为科技企业提供连带责任保证，担保费率优惠，可与银行批量合作快速审批。',
    amount: [
      [50 * W, 100 * W],
      [500 * W, 1000 * W, 2000 * W],
    ],
    term: [6, 36],
    rate: [400, 700],
    guarantees: ['guarantor'],
    fundingTypes: ['guarantee', 'loan'],
    approvalDays: [7, 25],
    whitelistChance: 0.2,
    qualifications: [],
  },
  loan_equity_linked: {
    offeredBy: ['bank', 'investor'],
    stems: ['投贷联动', '投贷通', '认股权贷款'],
    description:
      '银行与股权投资机构合作，对获得投资或拟投资的科技企业同步提供贷款，部分以认股选择权分享成长收益。',
    amount: [
      [100 * W, 300 * W],
      [1000 * W, 3000 * W, 5000 * W],
    ],
    term: [12, 60],
    rate: [350, 600],
    guarantees: ['credit', 'equity_pledge'],
    fundingTypes: ['loan_equity_linked', 'loan', 'equity'],
    approvalDays: [15, 45],
    whitelistChance: 0.5,
    qualifications: ['high_tech', 'specialized', 'little_giant', 'gazelle'],
  },
  equity_investment: {
    offeredBy: ['investor'],
    stems: ['天使投资', 'A轮股权投资', '科创成长基金', '专精特新基金'],
    description:
      '对具备核心技术和成长潜力的科技企业进行股权投资，单笔投资金额灵活，可提供投后赋能服务。',
    amount: [
      [200 * W, 500 * W],
      [3000 * W, 5000 * W, 10000 * W],
    ],
    term: [36, 84],
    rate: [0, 0],
    guarantees: ['credit'],
    fundingTypes: ['equity'],
    approvalDays: [30, 90],
    whitelistChance: 0.3,
    qualifications: ['high_tech', 'specialized', 'gazelle', 'unicorn', 'listing_pipeline'],
  },
  leasing: {
    offeredBy: ['leasing'],
    stems: ['设备直租', '售后回租', '科技租赁贷'],
    description:
      '为企业购置研发和生产设备提供融资租赁，租金按月或按季支付，租期届满设备归企业所有。',
    amount: [
      [50 * W, 100 * W],
      [1000 * W, 2000 * W, 5000 * W],
    ],
    term: [12, 60],
    rate: [450, 800],
    guarantees: ['mortgage', 'guarantor'],
    fundingTypes: ['leasing'],
    approvalDays: [7, 20],
    whitelistChance: 0.1,
    qualifications: [],
  },
  supply_chain: {
    offeredBy: ['bank'],
    stems: ['供应链e融', '链融通', '核心企业供应链贷'],
    description:
      '依托核心企业信用，为上下游科技配套企业提供应收账款、预付款融资，线上申请、快速放款。',
    amount: [
      [10 * W, 50 * W],
      [500 * W, 1000 * W],
    ],
    term: [3, 12],
    rate: [350, 550],
    guarantees: ['receivables', 'credit'],
    fundingTypes: ['loan'],
    approvalDays: [2, 7],
    whitelistChance: 0.1,
    qualifications: [],
  },
  other: {
    offeredBy: ['bank', 'investor', 'insurer', 'guarantor', 'leasing'],
    stems: ['科技金融综合服务方案', '首贷服务专案'],
    description: '为科技企业提供融资诊断、首贷培育和综合金融方案定制服务。',
    amount: [
      [10 * W, 20 * W],
      [200 * W, 500 * W],
    ],
    term: [6, 24],
    rate: [350, 600],
    guarantees: ['credit', 'guarantor'],
    fundingTypes: ['loan'],
    approvalDays: [5, 15],
    whitelistChance: 0.1,
    qualifications: [],
  },
};
