import type { components, paths } from './schema';

type Schemas = components['schemas'];

export type ErrorCode = Schemas['ErrorCode'];
export type ErrorBody = Schemas['ErrorBody'];
export type ErrorDetail = Schemas['ErrorDetail'];
export type Session = Schemas['Session'];
export type UserView = Schemas['UserView'];
export type OrganizationView = Schemas['OrganizationView'];
export type ProductView = Schemas['ProductView'];
export type ProductPage = Schemas['ProductPage'];
export type CatalogFacets = Schemas['CatalogFacets'];
export type PublicStats = Schemas['PublicStatsView'];
export type Vocabulary =
  paths['/api/v1/vocabulary']['get']['responses'][200]['content']['application/json'];
export type CatalogQuery = NonNullable<paths['/api/v1/products']['get']['parameters']['query']>;
