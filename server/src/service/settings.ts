/** Settings that shape what the service shows; shared by the editor and the command line. */
export interface StylebookSettings {
  /** Guide ids or company names the team follows: their references come first. */
  guideProfile: string[];
}

/** The settings used when nothing is configured. */
export const DEFAULT_SETTINGS: StylebookSettings = {
  guideProfile: [],
};
