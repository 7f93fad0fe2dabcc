/** A message for people: Indonesian first, English second. */
export interface Text {
  id: string;
  en: string;
}
