/** Where other modules have always imported the selected-providers fact from (grants). */
export { SelectionFacts, type SelectionFact } from './selection.facts';
