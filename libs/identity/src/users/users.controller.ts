import { IdParam, Page, Roles } from '@app/core';
import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { CreateStaffUserDto } from './create-staff-user.dto';
import { ListUsersQuery } from './list-users.query';
import { UpdateUserStatusDto } from './update-user-status.dto';
import { UserView } from './user.view';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ description: 'A commissioner or admin account in the service center.' })
  create(@Body() dto: CreateStaffUserDto): Promise<UserView> {
    return this.users.createStaff(dto);
  }

  @Get()
  @ApiOkResponse({ description: 'Users, newest first.' })
  list(@Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(query);
  }

  @Patch(':id')
  @ApiOkResponse({ description: 'Suspends or reactivates a user.' })
  setStatus(
    @CurrentUser() admin: AuthUser,
    @IdParam() id: string,
    @Body() dto: UpdateUserStatusDto,
  ): Promise<UserView> {
    return this.users.setStatus(admin, id, dto.status);
  }
}
