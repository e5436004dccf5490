import type { District, Industry, OrganizationKind, Qualification } from '@app/core';

/** Every demo account shares this password; it is printed at start so people can sign in. */
export const DEMO_PASSWORD = 'Kejinqiao#2026';
export const DEMO_EMAIL_DOMAIN = 'kejinqiao.example';

export interface DemoOrganization {
  kind: Exclude<OrganizationKind, 'service_center'>;
  name: string;
  /** The 17 characters before the check character; the seed appends it. */
  creditCodeBody: string;
  district: District;
  industry: Industry | null;
  qualifications: Qualification[];
  foundedOn: string | null;
  employees: number | null;
  annualRevenue: number | null;
  rdExpense: number | null;
  ipCount: number | null;
  description: string;
  user: { name: string; email: string; phone: string };
}

/** Fictional Qingdao organizations: none of these names or codes belongs to a real company. */
export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    kind: 'enterprise',
    name: '青岛海湾智能装备有限公司',
    creditCodeBody: '91370212MA3D0K1P5',
    district: 'laoshan',
    industry: 'high_end_equipment',
    qualifications: ['high_tech', 'specialized'],
    foundedOn: '2016-04-12',
    employees: 186,
    annualRevenue: 86_000_000,
    rdExpense: 9_400_000,
    ipCount: 47,
    description: '海洋工程智能装备与水下机器人研发制造。',
    user: { name: '周海', email: `zhouhai@${DEMO_EMAIL_DOMAIN}`, phone: '13853200001' },
  },
  {
    kind: 'enterprise',
    name: '青岛蓝湾生物医药科技有限公司',
    creditCodeBody: '91370211MA3F2B7R8',
    district: 'huangdao',
    industry: 'biomed',
    qualifications: ['tech_sme', 'gazelle'],
    foundedOn: '2019-09-03',
    employees: 64,
    annualRevenue: 21_000_000,
    rdExpense: 6_800_000,
    ipCount: 23,
    description: '海洋生物活性物质与创新药物研发。',
    user: { name: '林晓', email: `linxiao@${DEMO_EMAIL_DOMAIN}`, phone: '13853200002' },
  },
  {
    kind: 'enterprise',
    name: '青岛琴芯微电子有限公司',
    creditCodeBody: '91370214MA3H5C2T1',
    district: 'chengyang',
    industry: 'ic',
    qualifications: ['high_tech', 'little_giant', 'listing_pipeline'],
    foundedOn: '2014-11-20',
    employees: 312,
    annualRevenue: 240_000_000,
    rdExpense: 31_000_000,
    ipCount: 118,
    description: '功率半导体芯片设计与封测。',
    user: { name: '孙立', email: `sunli@${DEMO_EMAIL_DOMAIN}`, phone: '13853200003' },
  },
  {
    kind: 'enterprise',
    name: '青岛崂云软件科技有限公司',
    creditCodeBody: '91370202MA3K8D4W6',
    district: 'shinan',
    industry: 'software',
    qualifications: ['tech_sme'],
    foundedOn: '2021-06-15',
    employees: 28,
    annualRevenue: 5_600_000,
    rdExpense: 2_100_000,
    ipCount: 12,
    description: '面向制造企业的工业软件与数据平台。',
    user: { name: '王宁', email: `wangning@${DEMO_EMAIL_DOMAIN}`, phone: '13853200004' },
  },
  {
    kind: 'bank',
    name: '琴岛银行崂山科技支行',
    creditCodeBody: '91370212MA3M1E6X2',
    district: 'laoshan',
    industry: null,
    qualifications: [],
    foundedOn: null,
    employees: null,
    annualRevenue: null,
    rdExpense: null,
    ipCount: null,
    description: '专注科技型中小企业信贷的特色支行。',
    user: { name: '赵敏', email: `zhaomin@${DEMO_EMAIL_DOMAIN}`, phone: '13853200011' },
  },
  {
    kind: 'investor',
    name: '青岛海晟创业投资有限公司',
    creditCodeBody: '91370203MA3N4F8Y3',
    district: 'shibei',
    industry: null,
    qualifications: [],
    foundedOn: null,
    employees: null,
    annualRevenue: null,
    rdExpense: null,
    ipCount: null,
    description: '早中期硬科技股权投资，关注投贷联动。',
    user: { name: '钱程', email: `qiancheng@${DEMO_EMAIL_DOMAIN}`, phone: '13853200012' },
  },
  {
    kind: 'guarantor',
    name: '青岛融信科技融资担保有限公司',
    creditCodeBody: '91370213MA3P7G0A4',
    district: 'licang',
    industry: null,
    qualifications: [],
    foundedOn: null,
    employees: null,
    annualRevenue: null,
    rdExpense: null,
    ipCount: null,
    description: '为科技企业提供知识产权质押与信用贷款担保。',
    user: { name: '吴静', email: `wujing@${DEMO_EMAIL_DOMAIN}`, phone: '13853200013' },
  },
];

export const DEMO_ADMIN = {
  name: '平台管理员',
  email: `admin@${DEMO_EMAIL_DOMAIN}`,
  phone: '0532-80000000',
};
export const DEMO_COMMISSIONER = {
  name: '李特派',
  email: `commissioner@${DEMO_EMAIL_DOMAIN}`,
  phone: '13853200099',
  districts: ['laoshan', 'shinan', 'huangdao'] as District[],
};
