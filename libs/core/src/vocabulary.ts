/**
 * The codes the public API speaks, each with its one Chinese label (see VOCABULARY.md).
 *
 * Clients, exports and saved filters depend on these codes, so they never change meaning:
 * adding a code is fine, renaming or removing one is a breaking change. Everything else (types,
 * validators, database enums, OpenAPI) derives from these lists so a code is declared once, and
 * `VOCABULARY` is served as is so no client hard-codes a label.
 */

export interface VocabularyEntry {
  readonly code: string;
  readonly label: string;
}

export type CodeOf<T extends readonly VocabularyEntry[]> = T[number]['code'];

export function codesOf<const T extends readonly VocabularyEntry[]>(list: T): readonly CodeOf<T>[] {
  return list.map((entry) => entry.code);
}

/** The label of a code; an unknown code is a bug (codes are never removed), so it throws. */
export function labelOf<const T extends readonly VocabularyEntry[]>(
  list: T,
  code: CodeOf<T>,
): string {
  const entry = list.find((candidate) => candidate.code === code);
  if (!entry) {
    throw new RangeError(`Unknown vocabulary code: ${String(code)}`);
  }
  return entry.label;
}

export const DISTRICTS = [
  { code: 'shinan', label: '市南区', adminCode: '370202' },
  { code: 'shibei', label: '市北区', adminCode: '370203' },
  { code: 'huangdao', label: '黄岛区/西海岸新区', adminCode: '370211' },
  { code: 'laoshan', label: '崂山区', adminCode: '370212' },
  { code: 'licang', label: '李沧区', adminCode: '370213' },
  { code: 'chengyang', label: '城阳区', adminCode: '370214' },
  { code: 'jimo', label: '即墨区', adminCode: '370215' },
  { code: 'jiaozhou', label: '胶州市', adminCode: '370281' },
  { code: 'pingdu', label: '平度市', adminCode: '370283' },
  { code: 'laixi', label: '莱西市', adminCode: '370285' },
] as const satisfies readonly (VocabularyEntry & { readonly adminCode: string })[];
export type District = CodeOf<typeof DISTRICTS>;
export const DISTRICT_CODES = codesOf(DISTRICTS);

export const INDUSTRIES = [
  { code: 'software', label: '软件与信息服务' },
  { code: 'ic', label: '集成电路' },
  { code: 'ai', label: '人工智能' },
  { code: 'display', label: '新型显示' },
  { code: 'vr', label: '虚拟现实' },
  { code: 'biomed', label: '生物医药' },
  { code: 'marine', label: '海洋科技' },
  { code: 'new_energy', label: '新能源' },
  { code: 'new_materials', label: '新材料' },
  { code: 'high_end_equipment', label: '高端装备' },
  { code: 'smart_manufacturing', label: '智能制造' },
  { code: 'rail_transit', label: '轨道交通' },
  { code: 'agritech', label: '智慧农业' },
  { code: 'green', label: '节能环保' },
  { code: 'other', label: '其他' },
] as const satisfies readonly VocabularyEntry[];
export type Industry = CodeOf<typeof INDUSTRIES>;
export const INDUSTRY_CODES = codesOf(INDUSTRIES);

export const QUALIFICATIONS = [
  { code: 'high_tech', label: '高新技术企业' },
  { code: 'tech_sme', label: '科技型中小企业' },
  { code: 'specialized', label: '专精特新中小企业' },
  { code: 'little_giant', label: '专精特新"小巨人"' },
  { code: 'gazelle', label: '瞪羚企业' },
  { code: 'unicorn', label: '独角兽企业' },
  { code: 'listing_pipeline', label: '上市后备企业' },
] as const satisfies readonly VocabularyEntry[];
export type Qualification = CodeOf<typeof QUALIFICATIONS>;
export const QUALIFICATION_CODES = codesOf(QUALIFICATIONS);

// service_center exists from the first boot; registration never creates one.
export const ORGANIZATION_KINDS = [
  { code: 'enterprise', label: '科技企业' },
  { code: 'bank', label: '银行' },
  { code: 'investor', label: '投资机构' },
  { code: 'insurer', label: '保险机构' },
  { code: 'guarantor', label: '融资担保机构' },
  { code: 'leasing', label: '融资租赁公司' },
  { code: 'service_center', label: '科技金融服务中心' },
] as const satisfies readonly VocabularyEntry[];
export type OrganizationKind = CodeOf<typeof ORGANIZATION_KINDS>;
export const ORGANIZATION_KIND_CODES = codesOf(ORGANIZATION_KINDS);

/** The organisation kinds whose members sign in with the institution role. */
export const INSTITUTION_KINDS = [
  'bank',
  'investor',
  'insurer',
  'guarantor',
  'leasing',
] as const satisfies readonly OrganizationKind[];
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export const ROLES = [
  { code: 'enterprise', label: '企业用户' },
  { code: 'institution', label: '金融机构用户' },
  { code: 'commissioner', label: '科技金融特派员' },
  { code: 'admin', label: '管理员' },
] as const satisfies readonly VocabularyEntry[];
export type Role = CodeOf<typeof ROLES>;
export const ROLE_CODES = codesOf(ROLES);

export const ORGANIZATION_STATUSES = [
  { code: 'pending', label: '待审核' },
  { code: 'verified', label: '已认证' },
  { code: 'suspended', label: '已停用' },
] as const satisfies readonly VocabularyEntry[];
export type OrganizationStatus = CodeOf<typeof ORGANIZATION_STATUSES>;
export const ORGANIZATION_STATUS_CODES = codesOf(ORGANIZATION_STATUSES);

export const USER_STATUSES = [
  { code: 'active', label: '正常' },
  { code: 'suspended', label: '已停用' },
] as const satisfies readonly VocabularyEntry[];
export type UserStatus = CodeOf<typeof USER_STATUSES>;
export const USER_STATUS_CODES = codesOf(USER_STATUSES);

export const NEED_PURPOSES = [
  { code: 'working_capital', label: '流动资金' },
  { code: 'rnd', label: '研发投入' },
  { code: 'equipment', label: '设备购置' },
  { code: 'expansion', label: '扩大生产' },
  { code: 'tech_transfer', label: '成果转化' },
  { code: 'other', label: '其他' },
] as const satisfies readonly VocabularyEntry[];
export type NeedPurpose = CodeOf<typeof NEED_PURPOSES>;
export const NEED_PURPOSE_CODES = codesOf(NEED_PURPOSES);

export const NEED_STATUSES = [
  { code: 'draft', label: '草稿' },
  { code: 'published', label: '已发布' },
  { code: 'docking', label: '对接中' },
  { code: 'satisfied', label: '已满足' },
  { code: 'withdrawn', label: '已撤回' },
  { code: 'expired', label: '已过期' },
] as const satisfies readonly VocabularyEntry[];
export type NeedStatus = CodeOf<typeof NEED_STATUSES>;
export const NEED_STATUS_CODES = codesOf(NEED_STATUSES);

export const PRODUCT_KINDS = [
  { code: 'credit_loan', label: '信用贷' },
  { code: 'ip_pledge_loan', label: '知识产权质押贷' },
  { code: 'equity_pledge_loan', label: '股权质押贷' },
  { code: 'talent_loan', label: '人才贷' },
  { code: 'tech_transfer_loan', label: '成果转化贷' },
  { code: 'order_financing', label: '订单/应收账款融资' },
  { code: 'insured_loan', label: '保证保险贷款' },
  { code: 'guaranteed_loan', label: '担保贷款' },
  { code: 'loan_equity_linked', label: '投贷联动' },
  { code: 'equity_investment', label: '股权投资' },
  { code: 'leasing', label: '融资租赁' },
  { code: 'supply_chain', label: '供应链金融' },
  { code: 'other', label: '其他' },
] as const satisfies readonly VocabularyEntry[];
export type ProductKind = CodeOf<typeof PRODUCT_KINDS>;
export const PRODUCT_KIND_CODES = codesOf(PRODUCT_KINDS);

export const PRODUCT_STATUSES = [
  { code: 'draft', label: '草稿' },
  { code: 'published', label: '已上架' },
  { code: 'suspended', label: '已暂停' },
  { code: 'retired', label: '已下架' },
] as const satisfies readonly VocabularyEntry[];
export type ProductStatus = CodeOf<typeof PRODUCT_STATUSES>;
export const PRODUCT_STATUS_CODES = codesOf(PRODUCT_STATUSES);

// Shared by needs and products, so that a need and a product can be matched on them.
export const FUNDING_TYPES = [
  { code: 'loan', label: '贷款' },
  { code: 'equity', label: '股权融资' },
  { code: 'loan_equity_linked', label: '投贷联动' },
  { code: 'insured_loan', label: '保贷' },
  { code: 'leasing', label: '融资租赁' },
  { code: 'guarantee', label: '担保' },
] as const satisfies readonly VocabularyEntry[];
export type FundingType = CodeOf<typeof FUNDING_TYPES>;
export const FUNDING_TYPE_CODES = codesOf(FUNDING_TYPES);

export const GUARANTEES = [
  { code: 'credit', label: '信用' },
  { code: 'ip_pledge', label: '知识产权质押' },
  { code: 'equity_pledge', label: '股权质押' },
  { code: 'mortgage', label: '抵押' },
  { code: 'receivables', label: '应收账款质押' },
  { code: 'guarantor', label: '第三方保证/担保' },
  { code: 'insurance', label: '保证保险' },
] as const satisfies readonly VocabularyEntry[];
export type Guarantee = CodeOf<typeof GUARANTEES>;
export const GUARANTEE_CODES = codesOf(GUARANTEES);

export const WHITELIST_BATCH_STATUSES = [
  { code: 'draft', label: '草稿' },
  { code: 'published', label: '已发布' },
  { code: 'revoked', label: '已撤销' },
] as const satisfies readonly VocabularyEntry[];
export type WhitelistBatchStatus = CodeOf<typeof WHITELIST_BATCH_STATUSES>;
export const WHITELIST_BATCH_STATUS_CODES = codesOf(WHITELIST_BATCH_STATUSES);

export const WHITELIST_ENTRY_STATUSES = [
  { code: 'active', label: '有效' },
  { code: 'suspended', label: '暂停' },
  { code: 'removed', label: '移出' },
] as const satisfies readonly VocabularyEntry[];
export type WhitelistEntryStatus = CodeOf<typeof WHITELIST_ENTRY_STATUSES>;
export const WHITELIST_ENTRY_STATUS_CODES = codesOf(WHITELIST_ENTRY_STATUSES);

export const DOCKING_STATUSES = [
  { code: 'requested', label: '已申请' },
  { code: 'accepted', label: '已受理' },
  { code: 'info_requested', label: '待补充材料' },
  { code: 'credit_approved', label: '已授信' },
  { code: 'disbursed', label: '已放款' },
  { code: 'rejected', label: '未通过' },
  { code: 'withdrawn', label: '已撤回' },
  { code: 'expired', label: '已超时' },
  { code: 'closed', label: '已关闭' },
] as const satisfies readonly VocabularyEntry[];
export type DockingStatus = CodeOf<typeof DOCKING_STATUSES>;
export const DOCKING_STATUS_CODES = codesOf(DOCKING_STATUSES);

// The `action` of POST /docking-sessions/:id/transitions.
export const DOCKING_ACTIONS = [
  { code: 'accept', label: '受理' },
  { code: 'request_info', label: '要求补充材料' },
  { code: 'provide_info', label: '补充材料' },
  { code: 'approve_credit', label: '授信' },
  { code: 'disburse', label: '放款' },
  { code: 'reject', label: '拒绝' },
  { code: 'withdraw', label: '撤回' },
  { code: 'close', label: '关闭' },
  { code: 'reassign', label: '重新指派' },
] as const satisfies readonly VocabularyEntry[];
export type DockingAction = CodeOf<typeof DOCKING_ACTIONS>;
export const DOCKING_ACTION_CODES = codesOf(DOCKING_ACTIONS);

export const REJECT_REASONS = [
  { code: 'insufficient_revenue', label: '营收不足' },
  { code: 'collateral', label: '担保/抵押不足' },
  { code: 'credit_history', label: '信用记录' },
  { code: 'out_of_scope', label: '不在服务范围' },
  { code: 'pricing', label: '价格未达成一致' },
  { code: 'other', label: '其他' },
] as const satisfies readonly VocabularyEntry[];
export type RejectReason = CodeOf<typeof REJECT_REASONS>;
export const REJECT_REASON_CODES = codesOf(REJECT_REASONS);

export const EVENT_KINDS = [
  { code: 'roadshow', label: '融资路演' },
  { code: 'salon', label: '科技金融沙龙' },
  { code: 'briefing', label: '专场宣讲会' },
  { code: 'matchmaking', label: '产品对接会' },
  { code: 'counseling', label: '业务辅导' },
  { code: 'relief_action', label: '融资纾困行动' },
] as const satisfies readonly VocabularyEntry[];
export type EventKind = CodeOf<typeof EVENT_KINDS>;
export const EVENT_KIND_CODES = codesOf(EVENT_KINDS);

export const EVENT_AUDIENCES = [
  { code: 'enterprise', label: '企业' },
  { code: 'institution', label: '金融机构' },
  { code: 'all', label: '全部' },
] as const satisfies readonly VocabularyEntry[];
export type EventAudience = CodeOf<typeof EVENT_AUDIENCES>;
export const EVENT_AUDIENCE_CODES = codesOf(EVENT_AUDIENCES);

export const EVENT_STATUSES = [
  { code: 'draft', label: '草稿' },
  { code: 'published', label: '已发布' },
  { code: 'cancelled', label: '已取消' },
  { code: 'completed', label: '已结束' },
] as const satisfies readonly VocabularyEntry[];
export type EventStatus = CodeOf<typeof EVENT_STATUSES>;
export const EVENT_STATUS_CODES = codesOf(EVENT_STATUSES);

export const REGISTRATION_STATUSES = [
  { code: 'registered', label: '已报名' },
  { code: 'waitlisted', label: '候补' },
  { code: 'cancelled', label: '已取消' },
  { code: 'checked_in', label: '已签到' },
] as const satisfies readonly VocabularyEntry[];
export type RegistrationStatus = CodeOf<typeof REGISTRATION_STATUSES>;
export const REGISTRATION_STATUS_CODES = codesOf(REGISTRATION_STATUSES);

export const SERVICE_LOG_KINDS = [
  { code: 'visit', label: '走访' },
  { code: 'counseling', label: '辅导' },
  { code: 'relief', label: '纾困' },
  { code: 'referral', label: '转介' },
] as const satisfies readonly VocabularyEntry[];
export type ServiceLogKind = CodeOf<typeof SERVICE_LOG_KINDS>;
export const SERVICE_LOG_KIND_CODES = codesOf(SERVICE_LOG_KINDS);

// A stored match (推荐) as its parties move it; `applied` is set by docking, never by a client.
export const MATCH_STATUSES = [
  { code: 'new', label: '新匹配' },
  { code: 'viewed', label: '已查看' },
  { code: 'dismissed', label: '已忽略' },
  { code: 'applied', label: '已申请' },
] as const satisfies readonly VocabularyEntry[];
export type MatchStatus = CodeOf<typeof MATCH_STATUSES>;
export const MATCH_STATUS_CODES = codesOf(MATCH_STATUSES);

// The `kind` of an in-app notification.
export const NOTIFICATION_KINDS = [
  { code: 'match_new_product', label: '新的匹配产品' },
  { code: 'match_new_need', label: '新的匹配需求' },
  { code: 'docking_request', label: '新的对接申请' },
  { code: 'docking_update', label: '对接进展' },
  { code: 'docking_overdue', label: '对接超时提醒' },
  { code: 'chat_message', label: '新消息' },
  { code: 'event_cancelled', label: '活动取消' },
  { code: 'event_updated', label: '活动变更' },
  { code: 'event_reminder', label: '活动提醒' },
  { code: 'event_promoted', label: '候补转正' },
  { code: 'roadshow_interest', label: '路演对接意向' },
] as const satisfies readonly VocabularyEntry[];
export type NotificationKind = CodeOf<typeof NOTIFICATION_KINDS>;
export const NOTIFICATION_KIND_CODES = codesOf(NOTIFICATION_KINDS);

/** Served as is by GET /api/v1/vocabulary. */
export const VOCABULARY = {
  districts: DISTRICTS,
  industries: INDUSTRIES,
  qualifications: QUALIFICATIONS,
  organizationKinds: ORGANIZATION_KINDS,
  roles: ROLES,
  organizationStatuses: ORGANIZATION_STATUSES,
  userStatuses: USER_STATUSES,
  needPurposes: NEED_PURPOSES,
  needStatuses: NEED_STATUSES,
  productKinds: PRODUCT_KINDS,
  productStatuses: PRODUCT_STATUSES,
  fundingTypes: FUNDING_TYPES,
  guarantees: GUARANTEES,
  whitelistBatchStatuses: WHITELIST_BATCH_STATUSES,
  whitelistEntryStatuses: WHITELIST_ENTRY_STATUSES,
  dockingStatuses: DOCKING_STATUSES,
  dockingActions: DOCKING_ACTIONS,
  rejectReasons: REJECT_REASONS,
  eventKinds: EVENT_KINDS,
  eventAudiences: EVENT_AUDIENCES,
  eventStatuses: EVENT_STATUSES,
  registrationStatuses: REGISTRATION_STATUSES,
  serviceLogKinds: SERVICE_LOG_KINDS,
  matchStatuses: MATCH_STATUSES,
  notificationKinds: NOTIFICATION_KINDS,
} as const satisfies Record<string, readonly VocabularyEntry[]>;
export type Vocabulary = typeof VOCABULARY;
