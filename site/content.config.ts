import { defineCollection } from 'astro:content'
import { clausewrightLoader } from '../src/astro/loader.ts'

// The policy directory can be changed for a build with CLAUSEWRIGHT_POLICY_DIR (clausewright build --dir).
// The loader brings the collection's schema (src/astro/site-schema.ts).
export const collections = {
  clausewright: defineCollection({ loader: clausewrightLoader({ policyDir: process.env['CLAUSEWRIGHT_POLICY_DIR'] ?? 'policy' }) }),
}
