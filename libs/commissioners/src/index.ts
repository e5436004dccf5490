export { CommissionerWorkModule } from './commissioner-work.module';
export { ServiceLog } from './service-log.entity';
export type { ServiceLogView } from './service-log.view';
export type { PortfolioEntry } from './portfolio.view';
