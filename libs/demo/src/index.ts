export { DemoModule } from './demo.module';
export { DemoDataSeeder, DEMO_COUNTS, DEMO_SEED, demoEmailOf } from './demo-data.seeder';
export type { DemoSeedResult } from './demo-data.seeder';
export { DataGenerator, GENERATED_EMAIL_DOMAIN, institutionsFor } from './data-generator.service';
export type { GenerateOptions, GenerateReport } from './data-generator.service';
export { generateDataset, generatedCreditCode } from './dataset';
export type { Dataset, DatasetOptions } from './dataset';
export { Prng, seedOf } from './prng';
