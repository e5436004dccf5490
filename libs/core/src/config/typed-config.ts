import { ConfigService } from '@nestjs/config';
import { AppConfig } from './app-config';

/** ConfigService typed against the parsed schema: `config.get('PORT', { infer: true })`. */
export type TypedConfigService = ConfigService<AppConfig, true>;
