export { NeedsModule } from './needs.module';
