import { UpdateProductDto } from '@app/products';
import { OmitType } from '@nestjs/swagger';

/**
 * Changed terms or eligibility, as a PATCH of the product would send them; what is not sent
 * stays as stored. Name, kind and description do not change who matches.
 */
export class WhatIfDto extends OmitType(UpdateProductDto, ['name', 'kind', 'description']) {}
