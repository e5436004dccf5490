import { MaxChars, PageQueryDto, SingleLine } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

export class PortfolioQuery extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 50, description: 'Part of the enterprise name.' })
  @IsOptional()
  @SingleLine()
  @IsString()
  @MaxChars(50)
  name?: string;
}
