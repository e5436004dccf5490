import { CleanText, MaxChars, PageQueryDto } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

export class PortfolioQuery extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 50, description: 'Part of the enterprise name.' })
  @IsOptional()
  @CleanText()
  @IsString()
  @MaxChars(50)
  name?: string;
}
