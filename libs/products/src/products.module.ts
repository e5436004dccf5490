import { ORGANIZATIONS_INDEX, Organization } from '@app/identity';
import { SearchIndexRegistry } from '@app/search';
import { Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Product } from './product.entity';
import { ProductsController } from './products.controller';
import { PRODUCTS_INDEX, productsSearchIndex } from './products.search-index';
import { ProductsService } from './products.service';

/** Institutions' products and the public catalog (产品超市). */
@Module({
  imports: [TypeOrmModule.forFeature([Product, Organization])],
  controllers: [ProductsController],
  providers: [ProductsService],
  exports: [ProductsService],
})
export class ProductsModule implements OnModuleInit {
  constructor(
    private readonly registry: SearchIndexRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register(productsSearchIndex(this.dataSource));
    // A product document carries its institution's name, kind and standing: refresh the
    // published ones when their organization changes.
    const products = this.dataSource.getRepository(Product);
    this.registry.registerDependent(ORGANIZATIONS_INDEX, async (orgIds) => {
      const rows = await products.find({
        select: { id: true },
        where: { orgId: In(orgIds), status: 'published' },
      });
      return [{ topic: PRODUCTS_INDEX, ids: rows.map((row) => row.id) }];
    });
  }
}
