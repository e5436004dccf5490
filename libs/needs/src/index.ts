export { NeedsModule } from './needs.module';
export { NeedsService } from './needs.service';
export { NeedExpiryJob } from './need-expiry.job';
export { Need } from './need.entity';
export type { NeedView, PublicNeedView } from './need.view';
export { finishNeedDocument, NEED_CARD_FIELDS, NEEDS_INDEX } from './needs.search-index';
export type { NeedCard, NeedDocument, NeedDocumentFields } from './needs.search-index';
export { canMoveNeed, NEED_STATUS_MOVES } from './need-status';
export { NEED_AMOUNT_MAX, NEED_AMOUNT_MIN, NEED_TERM_MAX, NEED_TERM_MIN } from './create-need.dto';
