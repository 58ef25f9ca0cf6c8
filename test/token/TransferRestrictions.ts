import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { explanationOf } from "../../client/errors.ts";
import { IERC7943Fungible__factory } from "../../types/ethers-contracts/index.js";
import { deployWithToken, ethers, memo, pinNextBlock, SHARE, verifyAll, ZERO_ADDRESS } from "../helpers/fixtures.js";
import {
  MAX_OUTSIDE,
  BOB_SHARES,
  CAROL_SHARES,
  RESTRICTION_ERRORS,
  deployWithInvestors,
  expireVerification,
  signApproval,
  loadFixture,
  time,
} from "../helpers/token.js";

describe("PersonalToken", function () {
  describe("ERC-7943 views", function () {
    it("says a banned holder cannot send", async function () {
      const { token, bob, registry, registrar } = await loadFixture(deployWithInvestors);
      expect(await token.canSend(bob.address)).to.equal(true);
      await registry.connect(registrar).ban(bob.address, memo("fraud"));
      expect(await token.canSend(bob.address)).to.equal(false);
    });

    it("says a holder whose verification expired can still send", async function () {
      const { token, bob, registry, registrar } = await loadFixture(deployWithInvestors);
      await expireVerification(registry, registrar, bob.address);
      expect(await token.canSend(bob.address)).to.equal(true);
    });

    it("says the owner can receive even when her own verification ended", async function () {
      const { token, alice, bob, registry, registrar } = await loadFixture(deployWithInvestors);
      await registry.connect(registrar).revoke(alice.address, memo("lapsed"));
      expect(await token.canReceive(alice.address)).to.equal(true);
      await expect(token.connect(bob).transfer(alice.address, SHARE))
        .to.emit(token, "Transfer")
        .withArgs(bob.address, alice.address, SHARE);
    });

    it("says a verified investor can receive", async function () {
      const { token, dave } = await loadFixture(deployWithToken);
      expect(await token.canReceive(dave.address)).to.equal(true);
    });

    it("says an unverified address cannot receive", async function () {
      const { token, mallory } = await loadFixture(deployWithToken);
      expect(await token.canReceive(mallory.address)).to.equal(false);
      expect(await token.canReceive(ZERO_ADDRESS)).to.equal(false);
    });

    it("says an investor whose verification expired cannot receive", async function () {
      const { token, dave, registry, registrar } = await loadFixture(deployWithToken);
      await expireVerification(registry, registrar, dave.address);
      expect(await token.canReceive(dave.address)).to.equal(false);
    });

    it("says a banned investor cannot receive", async function () {
      const { token, dave, registry, registrar } = await loadFixture(deployWithToken);
      await registry.connect(registrar).ban(dave.address, memo("fraud"));
      expect(await token.canReceive(dave.address)).to.equal(false);
    });

    it("says the token itself cannot receive, even if verified in the registry", async function () {
      const { token, registry, registrar } = await loadFixture(deployWithToken);
      await verifyAll(registry, registrar, [token]);
      expect(await registry.isVerified(await token.getAddress())).to.equal(true);
      expect(await token.canReceive(await token.getAddress())).to.equal(false);
    });

    it("reports frozen amounts with getFrozenTokens", async function () {
      const { token, bob, arbiter } = await loadFixture(deployWithInvestors);
      expect(await token.getFrozenTokens(bob.address)).to.equal(0n);
      await token.connect(arbiter).setFrozenTokens(bob.address, 123n);
      expect(await token.getFrozenTokens(bob.address)).to.equal(123n);
    });

    it("does not count a signed approval that has not been presented", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE });
      expect(await token.canTransfer(bob.address, carol.address, SHARE)).to.equal(false);
    });

    it("reports ERC-7943 and ERC-165 through supportsInterface, and nothing else", async function () {
      const { token } = await loadFixture(deployWithToken);
      expect(await token.supportsInterface("0x3edbb4c4")).to.equal(true);
      expect(await token.supportsInterface("0x01ffc9a7")).to.equal(true);
      expect(await token.supportsInterface("0xffffffff")).to.equal(false);
      expect(await token.supportsInterface("0x36372b07")).to.equal(false); // ERC-20: not claimed
    });

    it("uses the interface id of the ERC-7943 functions it declares", async function () {
      const iface = IERC7943Fungible__factory.createInterface();
      let id = 0n;
      iface.forEachFunction((fn) => {
        if (fn.name !== "supportsInterface") id ^= BigInt(fn.selector);
      });
      expect(ethers.toBeHex(id, 4)).to.equal("0x3edbb4c4");
    });

    describe("detectTransferRestriction and canTransfer answer what transfer would do", function () {
      type Fixture = Awaited<ReturnType<typeof deployWithInvestors>>;
      interface Case {
        when: string;
        /** The ERC-1404 code; 0 means transfer succeeds, any other the error RESTRICTION_ERRORS names. */
        code: number;
        /** ERC-7943's answer where it differs from `code === 0` (it never says no for balance reasons). */
        canTransfer?: boolean;
        setup: (f: Fixture) => Promise<{ from: HardhatEthersSigner; to: string; amount: bigint }>;
      }
      const cases: Case[] = [
        {
          when: "an investor moves within the owner's on-chain permission",
          code: 0,
          setup: async (f) => {
            await f.token.connect(f.alice).approveTransfer(f.bob.address, f.carol.address, SHARE);
            return { from: f.bob, to: f.carol.address, amount: SHARE };
          },
        },
        {
          when: "an investor moves without permission",
          code: 9, // ERC7943CannotTransfer
          setup: async (f) => ({ from: f.bob, to: f.carol.address, amount: SHARE }),
        },
        {
          when: "an investor moves one wei above the permission",
          code: 9, // ERC7943CannotTransfer
          setup: async (f) => {
            await f.token.connect(f.alice).approveTransfer(f.bob.address, f.carol.address, SHARE);
            return { from: f.bob, to: f.carol.address, amount: SHARE + 1n };
          },
        },
        {
          when: "an investor sells back to the owner",
          code: 0,
          setup: async (f) => ({ from: f.bob, to: f.alice.address, amount: SHARE }),
        },
        {
          when: "an investor moves zero shares without permission",
          code: 0,
          setup: async (f) => ({ from: f.bob, to: f.carol.address, amount: 0n }),
        },
        {
          when: "the owner sells up to exactly the cap",
          code: 0,
          setup: async (f) => ({ from: f.alice, to: f.dave.address, amount: MAX_OUTSIDE - BOB_SHARES - CAROL_SHARES }),
        },
        {
          when: "the owner sells one wei beyond the cap",
          code: 8, // CapExceeded
          setup: async (f) => ({
            from: f.alice,
            to: f.dave.address,
            amount: MAX_OUTSIDE - BOB_SHARES - CAROL_SHARES + 1n,
          }),
        },
        {
          when: "the owner moves shares to herself",
          code: 0,
          setup: async (f) => ({ from: f.alice, to: f.alice.address, amount: SHARE }),
        },
        {
          when: "the token is paused",
          code: 1, // EnforcedPause
          setup: async (f) => {
            await f.token.connect(f.arbiter).pause();
            return { from: f.bob, to: f.alice.address, amount: SHARE };
          },
        },
        {
          when: "the sender is banned, even with permission",
          code: 2, // ERC7943CannotSend
          setup: async (f) => {
            await f.token.connect(f.alice).approveTransfer(f.bob.address, f.carol.address, SHARE);
            await f.registry.connect(f.registrar).ban(f.bob.address, memo("fraud"));
            return { from: f.bob, to: f.carol.address, amount: SHARE };
          },
        },
        {
          when: "the sender's verification expired and the move is permitted",
          code: 0,
          setup: async (f) => {
            await f.token.connect(f.alice).approveTransfer(f.bob.address, f.carol.address, SHARE);
            const now = await pinNextBlock();
            await f.registry.connect(f.registrar).verify(f.bob.address, now + 10n, memo("short"));
            await time.increase(60);
            return { from: f.bob, to: f.carol.address, amount: SHARE };
          },
        },
        {
          when: "the receiver is not verified",
          code: 6, // ERC7943CannotReceive
          setup: async (f) => ({ from: f.alice, to: f.mallory.address, amount: SHARE }),
        },
        {
          when: "the receiver's verification expired",
          code: 6, // ERC7943CannotReceive
          setup: async (f) => {
            const now = await pinNextBlock();
            await f.registry.connect(f.registrar).verify(f.dave.address, now + 10n, memo("short"));
            await time.increase(60);
            return { from: f.alice, to: f.dave.address, amount: SHARE };
          },
        },
        {
          when: "the receiver is the token itself",
          code: 6, // ERC7943CannotReceive
          setup: async (f) => ({ from: f.alice, to: await f.token.getAddress(), amount: SHARE }),
        },
        {
          when: "the amount exceeds the unfrozen balance",
          code: 4, // ERC7943InsufficientUnfrozenBalance
          setup: async (f) => {
            await f.token.connect(f.arbiter).setFrozenTokens(f.bob.address, BOB_SHARES - SHARE);
            return { from: f.bob, to: f.alice.address, amount: SHARE + 1n };
          },
        },
        {
          when: "the amount is within the unfrozen balance",
          code: 0,
          setup: async (f) => {
            await f.token.connect(f.arbiter).setFrozenTokens(f.bob.address, BOB_SHARES - SHARE);
            return { from: f.bob, to: f.alice.address, amount: SHARE };
          },
        },
        {
          when: "the amount exceeds the balance (ERC-7943 leaves balances to ERC-20)",
          code: 3, // ERC20InsufficientBalance
          canTransfer: true,
          setup: async (f) => ({ from: f.bob, to: f.alice.address, amount: BOB_SHARES + 1n }),
        },
        {
          when: "an investor sends more than its balance to another investor without permission",
          code: 3, // ERC20InsufficientBalance
          setup: async (f) => ({ from: f.bob, to: f.carol.address, amount: BOB_SHARES + 1n }),
        },
        {
          when: "the receiver is the zero address",
          code: 5, // ERC20InvalidReceiver
          setup: async (f) => ({ from: f.alice, to: ZERO_ADDRESS, amount: SHARE }),
        },
        {
          when: "the receiver was kicked",
          code: 7, // ReceiverKicked
          setup: async (f) => {
            await f.market.connect(f.alice).kick(await f.token.getAddress(), f.carol.address, 0n);
            return { from: f.alice, to: f.carol.address, amount: SHARE };
          },
        },
        {
          when: "the amount reaches into unvested granted shares",
          code: 4, // ERC7943InsufficientUnfrozenBalance
          setup: async (f) => {
            const start = (await pinNextBlock()) + 1_000n;
            await f.token.connect(f.alice).grant(f.dave.address, 10n * SHARE, start, 0n, 1_000n, memo("help"));
            return { from: f.dave, to: f.alice.address, amount: SHARE };
          },
        },
        {
          when: "the owner's permission was given before an ownership move",
          code: 9, // ERC7943CannotTransfer
          setup: async (f) => {
            await f.token.connect(f.alice).approveTransfer(f.bob.address, f.carol.address, SHARE);
            await f.token.connect(f.alice).transferOwnership(f.dave.address);
            await f.token.connect(f.dave).acceptOwnership();
            return { from: f.bob, to: f.carol.address, amount: SHARE };
          },
        },
      ];

      for (const { when, code, canTransfer, setup } of cases) {
        it(`gives code ${code} (${RESTRICTION_ERRORS[code] || "none"}) when ${when}`, async function () {
          const f = await loadFixture(deployWithInvestors);
          const { from, to, amount } = await setup(f);
          expect(await f.token.detectTransferRestriction(from.address, to, amount)).to.equal(code);
          expect(await f.token.canTransfer(from.address, to, amount)).to.equal(canTransfer ?? code === 0);
          const tx = f.token.connect(from).transfer(to, amount);
          if (code === 0) {
            await expect(tx).to.emit(f.token, "Transfer").withArgs(from.address, to, amount);
          } else {
            await expect(tx).to.be.revertedWithCustomError(f.token, RESTRICTION_ERRORS[code]);
          }
        });
      }

      it("explains every restriction code in its own words", async function () {
        const { token } = await loadFixture(deployWithToken);
        const messages = new Set<string>();
        for (let code = 0; code < RESTRICTION_ERRORS.length; code++) {
          messages.add(await token.messageForTransferRestriction(code));
        }
        expect(messages.size).to.equal(RESTRICTION_ERRORS.length);
        expect(await token.messageForTransferRestriction(RESTRICTION_ERRORS.length)).to.equal(
          "Unknown restriction code.",
        );
      });

      it("explains each restriction with its error's explanation, word for word (ERC-1404 messages = @notice)", async function () {
        const { token } = await loadFixture(deployWithToken);
        expect(await token.messageForTransferRestriction(0)).to.equal("No restriction: the transfer would succeed.");
        for (let code = 1; code < RESTRICTION_ERRORS.length; code++) {
          const explanation = explanationOf(RESTRICTION_ERRORS[code]);
          expect(explanation, RESTRICTION_ERRORS[code]).to.be.a("string");
          expect(await token.messageForTransferRestriction(code), RESTRICTION_ERRORS[code]).to.equal(explanation);
        }
      });

      it("covers every restriction code with a case", async function () {
        expect(new Set(cases.map((c) => c.code)).size).to.equal(RESTRICTION_ERRORS.length);
      });
    });
  });
});
