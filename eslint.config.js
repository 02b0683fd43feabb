import config from "@city137/config/eslint";

export default config;
