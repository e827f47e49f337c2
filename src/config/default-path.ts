// Apart from the schemas, so the command's help can name it without loading them.
export const DEFAULT_CONFIG_PATH = 'meshline.yaml';
