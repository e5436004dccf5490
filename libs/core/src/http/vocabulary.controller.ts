import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { VOCABULARY } from '../vocabulary';
import { Public } from './access.decorators';

@ApiTags('vocabulary')
@Controller('vocabulary')
export class VocabularyController {
  @Get()
  @Public()
  @ApiOkResponse({
    description: 'Every code the API speaks, with its Chinese label.',
    schema: vocabularySchema(),
  })
  vocabulary(): typeof VOCABULARY {
    return VOCABULARY;
  }
}

/** Written from VOCABULARY itself, so the document names every list and each list's codes. */
function vocabularySchema(): SchemaObject {
  const lists = Object.entries(VOCABULARY).map(([name, entries]): [string, SchemaObject] => {
    const fields = [...new Set(entries.flatMap((entry) => Object.keys(entry)))];
    const properties: Record<string, SchemaObject> = Object.fromEntries(
      fields.map((field) => [field, { type: 'string' }]),
    );
    properties.code = { type: 'string', enum: entries.map((entry) => entry.code) };
    return [name, { type: 'array', items: { type: 'object', properties, required: fields } }];
  });
  return {
    type: 'object',
    properties: Object.fromEntries(lists),
    required: lists.map(([name]) => name),
  };
}
