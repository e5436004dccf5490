export { ProductsModule } from './products.module';
export { ProductsService, changesOf } from './products.service';
export { UpdateProductDto } from './update-product.dto';
export type { ProductMove } from './products.service';
export type { CatalogPage } from './product-page.view';
export { Product } from './product.entity';
export type { ProductView, ProductEligibilityView } from './product.view';
export {
  PRODUCT_CARD_FIELDS,
  PRODUCTS_INDEX,
  toProductDocument,
  finishProductDocument,
} from './products.search-index';
export type { ProductCard, ProductDocument, ProductDocumentFields } from './products.search-index';
export { PRODUCT_SYNONYM_GROUPS, PRODUCT_SYNONYM_WORDS } from './products-synonyms';
export { PRODUCT_MOVES, canMove } from './product-status';
export { isListed } from './product-listing';
