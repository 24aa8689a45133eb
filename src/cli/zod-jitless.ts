import * as z from 'zod';

// zod compiles a parser with `new Function` for each object schema the first time it parses; one
// command parses each schema a few times, so compiling costs more than it saves (about 4 % of the
// instructions of an HTML + text build). Imported first by main.ts, before any schema is made.
z.config({ jitless: true });
