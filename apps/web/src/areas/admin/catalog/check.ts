import type { DefinitionProblem, ServiceDefinition } from '@uslugi/contracts';

/**
 * What the validator says of the definition as it is being edited. Until the validator runs in the
 * browser, the server's answer for the saved version stands for it.
 */
export function checkDefinition(
  _definition: ServiceDefinition,
  saved: readonly DefinitionProblem[],
): DefinitionProblem[] {
  return [...saved];
}
