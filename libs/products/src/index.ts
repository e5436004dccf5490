export { ProductsModule } from './products.module';
