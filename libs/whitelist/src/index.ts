export { WhitelistModule } from './whitelist.module';
