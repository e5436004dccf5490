import { IdParam, Page, Roles } from '@app/core';
import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ListOrganizationsQuery } from './list-organizations.query';
import { OrganizationView, PublicOrganizationView } from './organization.view';
import { OrganizationsService } from './organizations.service';
import { UpdateOrganizationDto } from './update-organization.dto';

@ApiTags('organizations')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'ORGANIZATION_NOT_FOUND, also for another tenant.' })
@Controller('orgs')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOkResponse({
    description:
      'Admins and commissioners: every organization. Others: the directory of verified institutions.',
  })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListOrganizationsQuery,
  ): Promise<Page<OrganizationView | PublicOrganizationView>> {
    return this.organizations.list(user, query);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'Full profile for its members, public profile for others.' })
  get(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
  ): Promise<OrganizationView | PublicOrganizationView> {
    return this.organizations.get(user, id);
  }

  @Patch(':id')
  @ApiOkResponse({ description: 'The updated profile.' })
  update(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationView> {
    return this.organizations.update(user, id, dto);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ description: 'Verified (from pending, or reinstated from suspended).' })
  verify(@IdParam() id: string): Promise<OrganizationView> {
    return this.organizations.setStatus(id, 'verified');
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ description: 'Suspended: its users can no longer sign in.' })
  suspend(@IdParam() id: string): Promise<OrganizationView> {
    return this.organizations.setStatus(id, 'suspended');
  }
}
