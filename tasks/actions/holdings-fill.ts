import { cliAction } from "../lib/index.js";
import { holdingsFill, renderPurchase } from "./holdings-buy.js";

export default cliAction(holdingsFill, renderPurchase);
