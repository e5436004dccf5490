import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { VOCABULARY } from '../vocabulary';
import { Public } from './access.decorators';

@ApiTags('vocabulary')
@Controller('vocabulary')
export class VocabularyController {
  @Get()
  @Public()
  @ApiOkResponse({ description: 'Every code the API speaks, with its Chinese label.' })
  vocabulary(): typeof VOCABULARY {
    return VOCABULARY;
  }
}
