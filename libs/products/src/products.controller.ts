import { IdParam, Public, Roles } from '@app/core';
import { CurrentUser } from '@app/identity';
import type { AuthUser } from '@app/identity';
import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CreateProductDto } from './create-product.dto';
import { ListProductsQuery } from './list-products.query';
import { ProductPage } from './product-page.view';
import { ProductView } from './product.view';
import { ProductsService } from './products.service';
import { UpdateProductDto } from './update-product.dto';

@ApiTags('products')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: "PRODUCT_NOT_FOUND, also for another tenant's draft." })
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @Public()
  @ApiOkResponse({
    type: ProductPage,
    description:
      'The public catalog (产品超市) from Meilisearch with `facets` { distribution, stats, ' +
      "institutions }; with mine=true, an institution's own products in every status.",
  })
  @ApiServiceUnavailableResponse({ description: 'SEARCH_UNAVAILABLE, with Retry-After.' })
  list(
    @CurrentUser() user: AuthUser | undefined,
    @Query() query: ListProductsQuery,
  ): Promise<ProductPage> {
    return this.products.list(user, query);
  }

  @Post()
  @Roles('institution')
  @ApiCreatedResponse({
    type: ProductView,
    description: 'The new product, a draft only its institution sees.',
  })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateProductDto): Promise<ProductView> {
    return this.products.create(user, dto);
  }

  @Get(':id')
  @Public()
  @ApiOkResponse({
    type: ProductView,
    description: 'Published: to anyone. Other statuses: owner and admins only.',
  })
  get(@CurrentUser() user: AuthUser | undefined, @IdParam() id: string): Promise<ProductView> {
    return this.products.get(user, id);
  }

  @Patch(':id')
  @Roles('institution')
  @ApiOkResponse({
    type: ProductView,
    description: 'The updated product; a published one is re-indexed.',
  })
  @ApiConflictResponse({ description: 'PRODUCT_STATUS_CONFLICT: the product is retired.' })
  update(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: UpdateProductDto,
  ): Promise<ProductView> {
    return this.products.update(user, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('institution')
  @ApiOkResponse({
    type: ProductView,
    description: 'On the shelf (from draft or suspended); needs a verified org.',
  })
  @ApiConflictResponse({ description: 'PRODUCT_STATUS_CONFLICT with { from, to }.' })
  publish(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<ProductView> {
    return this.products.move(user, id, 'published');
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('institution')
  @ApiOkResponse({
    type: ProductView,
    description: 'Off the shelf for now; it may be published again.',
  })
  @ApiConflictResponse({ description: 'PRODUCT_STATUS_CONFLICT with { from, to }.' })
  suspend(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<ProductView> {
    return this.products.move(user, id, 'suspended');
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles('institution')
  @ApiOkResponse({ type: ProductView, description: 'Off the shelf for good; retired is final.' })
  @ApiConflictResponse({ description: 'PRODUCT_STATUS_CONFLICT with { from, to }.' })
  retire(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<ProductView> {
    return this.products.move(user, id, 'retired');
  }
}
