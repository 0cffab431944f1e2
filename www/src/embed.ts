// Entry of dist/nianbao-embed.js, the classic script portals include: defines `Nianbao` only.
import { installApi } from './api';

installApi();
