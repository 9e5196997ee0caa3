/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'h5';
    /** Base URL of the api, `/api/v1` included (per mode: .env.development, .env.production, .env.e2e). */
    TARO_APP_API_BASE: string;
    /** Overrides TARO_APP_API_BASE in the H5 build (production H5 sits behind the same nginx as the api). */
    TARO_APP_H5_API_BASE?: string;
  }
}
