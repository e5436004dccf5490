import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Clock } from './clock';
import { AppConfig } from './config/app-config';
import { VocabularyController } from './http/vocabulary.controller';

/** Config and clock for every other module; the config is parsed before Nest boots. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          ignoreEnvVars: true,
          skipProcessEnv: true,
          load: [() => config],
        }),
      ],
      controllers: [VocabularyController],
      providers: [Clock],
      exports: [Clock],
    };
  }
}
