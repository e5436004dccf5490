/**
 * Outbox topics whose rows recompute the stored matches of a need or a product. They follow
 * the needs and products index topics, so the engine searches documents already up to date.
 */
export const NEED_MATCHES_TOPIC = 'need-matches';
export const PRODUCT_MATCHES_TOPIC = 'product-matches';
