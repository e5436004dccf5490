import { PartialType } from '@nestjs/swagger';
import { CreateNeedDto } from './create-need.dto';

/** Changes to a draft or published need; every field optional, none may be cleared. */
export class UpdateNeedDto extends PartialType(CreateNeedDto) {}
