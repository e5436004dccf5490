import { IdParam, Roles } from '@app/core';
import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AssignEnterprisesDto } from './assign-enterprises.dto';
import {
  AssignmentResult,
  CommissionerSummary,
  CommissionersService,
} from './commissioners.service';

@ApiTags('commissioners')
@ApiBearerAuth()
@Roles('admin')
@Controller('commissioners')
export class CommissionersController {
  constructor(private readonly commissioners: CommissionersService) {}

  @Get()
  @ApiOkResponse({
    description: 'Commissioners with the districts they cover and their enterprise count.',
  })
  list(): Promise<CommissionerSummary[]> {
    return this.commissioners.list();
  }

  @Post(':id/assignments')
  @HttpCode(200)
  @ApiOkResponse({ description: "How many enterprises are now in the commissioner's portfolio." })
  assign(@IdParam() id: string, @Body() dto: AssignEnterprisesDto): Promise<AssignmentResult> {
    return this.commissioners.assign(id, dto);
  }

  @Delete(':id/assignments/:orgId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The enterprise leaves the portfolio.' })
  unassign(@IdParam() id: string, @IdParam('orgId') orgId: string): Promise<void> {
    return this.commissioners.unassign(id, orgId);
  }
}
