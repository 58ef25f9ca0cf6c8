import { expect } from "chai";
import {
  deploySystem,
  ethers,
  memo,
  networkHelpers,
  ONE_YEAR,
  pinNextBlock,
  ZERO_ADDRESS,
} from "../helpers/fixtures.js";

const { time } = networkHelpers;

/** The system with Bob verified for a year by the registrar (evidence "kyc-bob"). */
async function deployWithVerifiedBob() {
  const system = await deploySystem();
  const bobUntil = BigInt(await time.latest()) + ONE_YEAR;
  await system.registry.connect(system.registrar).verify(system.bob.address, bobUntil, memo("kyc-bob"));
  return { ...system, bobUntil };
}

/** Bob verified for a year, then banned by the registrar. */
async function deployWithBannedBob() {
  const system = await deployWithVerifiedBob();
  await system.registry.connect(system.registrar).ban(system.bob.address, memo("fraud"));
  return system;
}

describe("InvestorRegistry", function () {
  describe("an admin managing roles", function () {
    it("grants the admin, registrar and arbiter roles given at construction, and nothing to the deployer", async function () {
      const { registry, deployer, admin, registrar, arbiter } = await networkHelpers.loadFixture(deploySystem);
      const DEFAULT_ADMIN_ROLE = await registry.DEFAULT_ADMIN_ROLE();
      const REGISTRAR_ROLE = await registry.REGISTRAR_ROLE();
      const ARBITER_ROLE = await registry.ARBITER_ROLE();

      expect(await registry.hasRole(DEFAULT_ADMIN_ROLE, admin.address)).to.equal(true);
      expect(await registry.hasRole(REGISTRAR_ROLE, registrar.address)).to.equal(true);
      expect(await registry.hasRole(ARBITER_ROLE, arbiter.address)).to.equal(true);

      expect(await registry.hasRole(DEFAULT_ADMIN_ROLE, registrar.address)).to.equal(false);
      expect(await registry.hasRole(REGISTRAR_ROLE, admin.address)).to.equal(false);
      expect(await registry.hasRole(ARBITER_ROLE, admin.address)).to.equal(false);
      expect(await registry.hasRole(ARBITER_ROLE, registrar.address)).to.equal(false);
      for (const role of [DEFAULT_ADMIN_ROLE, REGISTRAR_ROLE, ARBITER_ROLE]) {
        expect(await registry.hasRole(role, deployer.address)).to.equal(false);
      }
    });

    it("names its roles after the keccak256 hash of their names, administered by the default admin role", async function () {
      const { registry } = await networkHelpers.loadFixture(deploySystem);
      expect(await registry.REGISTRAR_ROLE()).to.equal(ethers.id("REGISTRAR_ROLE"));
      expect(await registry.ARBITER_ROLE()).to.equal(ethers.id("ARBITER_ROLE"));
      expect(await registry.DEFAULT_ADMIN_ROLE()).to.equal(ethers.ZeroHash);
      expect(await registry.getRoleAdmin(ethers.id("REGISTRAR_ROLE"))).to.equal(ethers.ZeroHash);
      expect(await registry.getRoleAdmin(ethers.id("ARBITER_ROLE"))).to.equal(ethers.ZeroHash);
    });

    it("lets the admin add a registrar, who can then verify investors", async function () {
      const { registry, admin, carol, dave } = await networkHelpers.loadFixture(deploySystem);
      const REGISTRAR_ROLE = await registry.REGISTRAR_ROLE();
      await expect(registry.connect(admin).grantRole(REGISTRAR_ROLE, carol.address))
        .to.emit(registry, "RoleGranted")
        .withArgs(REGISTRAR_ROLE, carol.address, admin.address);
      expect(await registry.hasRole(REGISTRAR_ROLE, carol.address)).to.equal(true);

      const until = BigInt(await time.latest()) + ONE_YEAR;
      await registry.connect(carol).verify(dave.address, until, memo("kyc-dave"));
      expect(await registry.isVerified(dave.address)).to.equal(true);
    });

    it("lets the admin remove a registrar, who can then no longer verify investors", async function () {
      const { registry, admin, registrar, dave } = await networkHelpers.loadFixture(deploySystem);
      const REGISTRAR_ROLE = await registry.REGISTRAR_ROLE();
      await expect(registry.connect(admin).revokeRole(REGISTRAR_ROLE, registrar.address))
        .to.emit(registry, "RoleRevoked")
        .withArgs(REGISTRAR_ROLE, registrar.address, admin.address);
      expect(await registry.hasRole(REGISTRAR_ROLE, registrar.address)).to.equal(false);

      const until = BigInt(await time.latest()) + ONE_YEAR;
      await expect(registry.connect(registrar).verify(dave.address, until, memo("kyc-dave")))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(registrar.address, REGISTRAR_ROLE);
    });

    it("lets the admin add and remove arbiters, which isArbiter reports", async function () {
      const { registry, admin, carol } = await networkHelpers.loadFixture(deploySystem);
      const ARBITER_ROLE = await registry.ARBITER_ROLE();
      expect(await registry.isArbiter(carol.address)).to.equal(false);

      await expect(registry.connect(admin).grantRole(ARBITER_ROLE, carol.address))
        .to.emit(registry, "RoleGranted")
        .withArgs(ARBITER_ROLE, carol.address, admin.address);
      expect(await registry.isArbiter(carol.address)).to.equal(true);

      await expect(registry.connect(admin).revokeRole(ARBITER_ROLE, carol.address))
        .to.emit(registry, "RoleRevoked")
        .withArgs(ARBITER_ROLE, carol.address, admin.address);
      expect(await registry.isArbiter(carol.address)).to.equal(false);
    });

    it("refuses to let anyone but the admin grant a role", async function () {
      const { registry, registrar, arbiter, mallory } = await networkHelpers.loadFixture(deploySystem);
      const DEFAULT_ADMIN_ROLE = await registry.DEFAULT_ADMIN_ROLE();
      const REGISTRAR_ROLE = await registry.REGISTRAR_ROLE();
      const ARBITER_ROLE = await registry.ARBITER_ROLE();

      await expect(registry.connect(registrar).grantRole(REGISTRAR_ROLE, mallory.address))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(registrar.address, DEFAULT_ADMIN_ROLE);
      await expect(registry.connect(arbiter).grantRole(ARBITER_ROLE, mallory.address))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(arbiter.address, DEFAULT_ADMIN_ROLE);
      await expect(registry.connect(mallory).grantRole(DEFAULT_ADMIN_ROLE, mallory.address))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(mallory.address, DEFAULT_ADMIN_ROLE);
      expect(await registry.hasRole(REGISTRAR_ROLE, mallory.address)).to.equal(false);
      expect(await registry.isArbiter(mallory.address)).to.equal(false);
    });

    it("refuses to let anyone but the admin revoke a role", async function () {
      const { registry, registrar, arbiter, mallory } = await networkHelpers.loadFixture(deploySystem);
      const DEFAULT_ADMIN_ROLE = await registry.DEFAULT_ADMIN_ROLE();
      const REGISTRAR_ROLE = await registry.REGISTRAR_ROLE();
      const ARBITER_ROLE = await registry.ARBITER_ROLE();

      await expect(registry.connect(registrar).revokeRole(ARBITER_ROLE, arbiter.address))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(registrar.address, DEFAULT_ADMIN_ROLE);
      await expect(registry.connect(mallory).revokeRole(REGISTRAR_ROLE, registrar.address))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(mallory.address, DEFAULT_ADMIN_ROLE);
      expect(await registry.isArbiter(arbiter.address)).to.equal(true);
      expect(await registry.hasRole(REGISTRAR_ROLE, registrar.address)).to.equal(true);
    });
  });

  describe("a registrar verifying investors", function () {
    it("verifies an investor until a given time and emits the expiry and the evidence", async function () {
      const { registry, registrar, alice } = await networkHelpers.loadFixture(deploySystem);
      expect(await registry.isVerified(alice.address)).to.equal(false);
      expect(await registry.verifiedUntil(alice.address)).to.equal(0n);

      const until = BigInt(await time.latest()) + ONE_YEAR;
      await expect(registry.connect(registrar).verify(alice.address, until, memo("kyc-alice")))
        .to.emit(registry, "InvestorVerified")
        .withArgs(alice.address, until, memo("kyc-alice"));
      expect(await registry.isVerified(alice.address)).to.equal(true);
      expect(await registry.verifiedUntil(alice.address)).to.equal(until);
      expect(await registry.isBanned(alice.address)).to.equal(false);
    });

    it("keeps an investor verified up to and including the expiry second, and not one second after", async function () {
      const { registry, bob, bobUntil } = await networkHelpers.loadFixture(deployWithVerifiedBob);
      await time.increaseTo(bobUntil - 1n);
      expect(await registry.isVerified(bob.address)).to.equal(true);
      await time.increaseTo(bobUntil);
      expect(await time.latest()).to.equal(Number(bobUntil));
      expect(await registry.isVerified(bob.address)).to.equal(true);
      await time.increaseTo(bobUntil + 1n);
      expect(await registry.isVerified(bob.address)).to.equal(false);
      // The record itself remains: verifiedUntil reports the expiry whether or not it has passed.
      expect(await registry.verifiedUntil(bob.address)).to.equal(bobUntil);
    });

    it("accepts an expiry equal to the current block's timestamp, verifying the investor for that second", async function () {
      const { registry, registrar, alice } = await networkHelpers.loadFixture(deploySystem);
      const now = BigInt(await time.latest()) + 100n;
      await time.setNextBlockTimestamp(now);
      await expect(registry.connect(registrar).verify(alice.address, now, memo("kyc-alice")))
        .to.emit(registry, "InvestorVerified")
        .withArgs(alice.address, now, memo("kyc-alice"));
      expect(await time.latest()).to.equal(Number(now));
      expect(await registry.isVerified(alice.address)).to.equal(true);
      await time.increaseTo(now + 1n);
      expect(await registry.isVerified(alice.address)).to.equal(false);
    });

    it("accepts the largest uint64 expiry", async function () {
      const { registry, registrar, alice } = await networkHelpers.loadFixture(deploySystem);
      const max = 2n ** 64n - 1n;
      await expect(registry.connect(registrar).verify(alice.address, max, memo("kyc-alice")))
        .to.emit(registry, "InvestorVerified")
        .withArgs(alice.address, max, memo("kyc-alice"));
      expect(await registry.verifiedUntil(alice.address)).to.equal(max);
      expect(await registry.isVerified(alice.address)).to.equal(true);
    });

    it("renews a verification with a later expiry and new evidence", async function () {
      const { registry, registrar, bob, bobUntil } = await networkHelpers.loadFixture(deployWithVerifiedBob);
      const renewed = bobUntil + ONE_YEAR;
      await expect(registry.connect(registrar).verify(bob.address, renewed, memo("kyc-bob-2")))
        .to.emit(registry, "InvestorVerified")
        .withArgs(bob.address, renewed, memo("kyc-bob-2"));
      expect(await registry.verifiedUntil(bob.address)).to.equal(renewed);

      await time.increaseTo(bobUntil + 1n);
      expect(await registry.isVerified(bob.address)).to.equal(true);
      await time.increaseTo(renewed + 1n);
      expect(await registry.isVerified(bob.address)).to.equal(false);
    });

    it("shortens a verification with an earlier expiry", async function () {
      const { registry, registrar, bob, bobUntil } = await networkHelpers.loadFixture(deployWithVerifiedBob);
      const shortened = (await pinNextBlock()) + 1000n;
      await expect(registry.connect(registrar).verify(bob.address, shortened, memo("kyc-bob-short")))
        .to.emit(registry, "InvestorVerified")
        .withArgs(bob.address, shortened, memo("kyc-bob-short"));
      expect(await registry.verifiedUntil(bob.address)).to.equal(shortened);
      expect(shortened).to.be.lessThan(bobUntil);

      await time.increaseTo(shortened);
      expect(await registry.isVerified(bob.address)).to.equal(true);
      await time.increaseTo(shortened + 1n);
      expect(await registry.isVerified(bob.address)).to.equal(false);
    });

    it("verifies an investor again after the verification expired", async function () {
      const { registry, registrar, bob, bobUntil } = await networkHelpers.loadFixture(deployWithVerifiedBob);
      await time.increaseTo(bobUntil + 10n);
      expect(await registry.isVerified(bob.address)).to.equal(false);

      const renewed = bobUntil + ONE_YEAR;
      await expect(registry.connect(registrar).verify(bob.address, renewed, memo("kyc-bob-2")))
        .to.emit(registry, "InvestorVerified")
        .withArgs(bob.address, renewed, memo("kyc-bob-2"));
      expect(await registry.isVerified(bob.address)).to.equal(true);
    });

    it("refuses an expiry in the past, naming the expiry and the block time", async function () {
      const { registry, registrar, alice } = await networkHelpers.loadFixture(deploySystem);
      const now = BigInt(await time.latest()) + 100n;
      await time.setNextBlockTimestamp(now);
      await expect(registry.connect(registrar).verify(alice.address, now - 1n, memo("kyc-alice")))
        .to.be.revertedWithCustomError(registry, "VerificationExpiryInPast")
        .withArgs(now - 1n, now);
      expect(await registry.verifiedUntil(alice.address)).to.equal(0n);
    });

    it("refuses an expiry of zero", async function () {
      const { registry, registrar, alice } = await networkHelpers.loadFixture(deploySystem);
      const now = BigInt(await time.latest()) + 100n;
      await time.setNextBlockTimestamp(now);
      await expect(registry.connect(registrar).verify(alice.address, 0n, memo("kyc-alice")))
        .to.be.revertedWithCustomError(registry, "VerificationExpiryInPast")
        .withArgs(0n, now);
    });

    it("refuses to verify the zero address", async function () {
      const { registry, registrar } = await networkHelpers.loadFixture(deploySystem);
      const until = BigInt(await time.latest()) + ONE_YEAR;
      await expect(registry.connect(registrar).verify(ZERO_ADDRESS, until, memo("kyc")))
        .to.be.revertedWithCustomError(registry, "ZeroAddressInvestor")
        .withArgs();
      expect(await registry.isVerified(ZERO_ADDRESS)).to.equal(false);
    });

    it("refuses to verify an address that is banned", async function () {
      const { registry, registrar, bob, bobUntil } = await networkHelpers.loadFixture(deployWithBannedBob);
      await expect(registry.connect(registrar).verify(bob.address, bobUntil + ONE_YEAR, memo("kyc-bob-2")))
        .to.be.revertedWithCustomError(registry, "InvestorIsBanned")
        .withArgs(bob.address);
      expect(await registry.verifiedUntil(bob.address)).to.equal(bobUntil);
    });

    it("refuses a verification by anyone who is not a registrar", async function () {
      const { registry, admin, arbiter, alice, mallory } = await networkHelpers.loadFixture(deploySystem);
      const REGISTRAR_ROLE = await registry.REGISTRAR_ROLE();
      const until = BigInt(await time.latest()) + ONE_YEAR;
      for (const caller of [admin, arbiter, mallory]) {
        await expect(registry.connect(caller).verify(alice.address, until, memo("kyc")))
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, REGISTRAR_ROLE);
      }
      await expect(registry.connect(mallory).verify(mallory.address, until, memo("self")))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(mallory.address, REGISTRAR_ROLE);
      expect(await registry.isVerified(alice.address)).to.equal(false);
      expect(await registry.isVerified(mallory.address)).to.equal(false);
    });
  });

  describe("a registrar revoking a verification", function () {
    it("ends a verification and emits the reason", async function () {
      const { registry, registrar, bob } = await networkHelpers.loadFixture(deployWithVerifiedBob);
      await expect(registry.connect(registrar).revoke(bob.address, memo("docs-forged")))
        .to.emit(registry, "VerificationRevoked")
        .withArgs(bob.address, memo("docs-forged"));
      expect(await registry.isVerified(bob.address)).to.equal(false);
      expect(await registry.verifiedUntil(bob.address)).to.equal(0n);
    });

    it("revokes a verification that has already expired", async function () {
      const { registry, registrar, bob, bobUntil } = await networkHelpers.loadFixture(deployWithVerifiedBob);
      await time.increaseTo(bobUntil + 1n);
      await expect(registry.connect(registrar).revoke(bob.address, memo("cleanup")))
        .to.emit(registry, "VerificationRevoked")
        .withArgs(bob.address, memo("cleanup"));
      expect(await registry.verifiedUntil(bob.address)).to.equal(0n);
    });

    it("revokes the verification of a banned investor, so unbanning does not restore it", async function () {
      const { registry, registrar, bob } = await networkHelpers.loadFixture(deployWithBannedBob);
      await expect(registry.connect(registrar).revoke(bob.address, memo("fraud")))
        .to.emit(registry, "VerificationRevoked")
        .withArgs(bob.address, memo("fraud"));
      await registry.connect(registrar).unban(bob.address);
      expect(await registry.isBanned(bob.address)).to.equal(false);
      expect(await registry.isVerified(bob.address)).to.equal(false);
    });

    it("lets a revoked investor be verified again", async function () {
      const { registry, registrar, bob, bobUntil } = await networkHelpers.loadFixture(deployWithVerifiedBob);
      await registry.connect(registrar).revoke(bob.address, memo("docs-expired"));
      await expect(registry.connect(registrar).verify(bob.address, bobUntil, memo("kyc-bob-2")))
        .to.emit(registry, "InvestorVerified")
        .withArgs(bob.address, bobUntil, memo("kyc-bob-2"));
      expect(await registry.isVerified(bob.address)).to.equal(true);
    });

    it("refuses to revoke an address that was never verified", async function () {
      const { registry, registrar, alice } = await networkHelpers.loadFixture(deploySystem);
      await expect(registry.connect(registrar).revoke(alice.address, memo("none")))
        .to.be.revertedWithCustomError(registry, "InvestorNotVerified")
        .withArgs(alice.address);
    });

    it("refuses to revoke the same verification twice", async function () {
      const { registry, registrar, bob } = await networkHelpers.loadFixture(deployWithVerifiedBob);
      await registry.connect(registrar).revoke(bob.address, memo("first"));
      await expect(registry.connect(registrar).revoke(bob.address, memo("second")))
        .to.be.revertedWithCustomError(registry, "InvestorNotVerified")
        .withArgs(bob.address);
    });

    it("refuses a revocation by anyone who is not a registrar", async function () {
      const { registry, admin, arbiter, bob, mallory } = await networkHelpers.loadFixture(deployWithVerifiedBob);
      const REGISTRAR_ROLE = await registry.REGISTRAR_ROLE();
      for (const caller of [admin, arbiter, mallory, bob]) {
        await expect(registry.connect(caller).revoke(bob.address, memo("grief")))
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, REGISTRAR_ROLE);
      }
      expect(await registry.isVerified(bob.address)).to.equal(true);
    });
  });

  describe("a registrar banning and unbanning known bad actors", function () {
    it("bans an address that was never verified and emits the reason", async function () {
      const { registry, registrar, mallory } = await networkHelpers.loadFixture(deploySystem);
      await expect(registry.connect(registrar).ban(mallory.address, memo("sanctions-list")))
        .to.emit(registry, "InvestorBanned")
        .withArgs(mallory.address, memo("sanctions-list"));
      expect(await registry.isBanned(mallory.address)).to.equal(true);
      expect(await registry.isVerified(mallory.address)).to.equal(false);
    });

    it("hides an existing verification while the investor is banned", async function () {
      const { registry, registrar, bob, bobUntil } = await networkHelpers.loadFixture(deployWithVerifiedBob);
      expect(await registry.isVerified(bob.address)).to.equal(true);
      await expect(registry.connect(registrar).ban(bob.address, memo("fraud")))
        .to.emit(registry, "InvestorBanned")
        .withArgs(bob.address, memo("fraud"));
      expect(await registry.isBanned(bob.address)).to.equal(true);
      expect(await registry.isVerified(bob.address)).to.equal(false);
      // The verification record is kept, only hidden.
      expect(await registry.verifiedUntil(bob.address)).to.equal(bobUntil);
    });

    it("restores an unexpired verification when the ban is lifted", async function () {
      const { registry, registrar, bob } = await networkHelpers.loadFixture(deployWithBannedBob);
      await expect(registry.connect(registrar).unban(bob.address))
        .to.emit(registry, "InvestorUnbanned")
        .withArgs(bob.address);
      expect(await registry.isBanned(bob.address)).to.equal(false);
      expect(await registry.isVerified(bob.address)).to.equal(true);
    });

    it("does not restore a verification that expired during the ban", async function () {
      const { registry, registrar, bob, bobUntil } = await networkHelpers.loadFixture(deployWithBannedBob);
      await time.increaseTo(bobUntil + 1n);
      await expect(registry.connect(registrar).unban(bob.address))
        .to.emit(registry, "InvestorUnbanned")
        .withArgs(bob.address);
      expect(await registry.isBanned(bob.address)).to.equal(false);
      expect(await registry.isVerified(bob.address)).to.equal(false);
    });

    it("lets an unbanned investor be verified again", async function () {
      const { registry, registrar, bob, bobUntil } = await networkHelpers.loadFixture(deployWithBannedBob);
      await registry.connect(registrar).unban(bob.address);
      const renewed = bobUntil + ONE_YEAR;
      await expect(registry.connect(registrar).verify(bob.address, renewed, memo("kyc-bob-2")))
        .to.emit(registry, "InvestorVerified")
        .withArgs(bob.address, renewed, memo("kyc-bob-2"));
      expect(await registry.verifiedUntil(bob.address)).to.equal(renewed);
    });

    it("refuses to ban an address that is already banned", async function () {
      const { registry, registrar, bob } = await networkHelpers.loadFixture(deployWithBannedBob);
      await expect(registry.connect(registrar).ban(bob.address, memo("again")))
        .to.be.revertedWithCustomError(registry, "InvestorAlreadyBanned")
        .withArgs(bob.address);
    });

    it("refuses to ban the zero address", async function () {
      const { registry, registrar } = await networkHelpers.loadFixture(deploySystem);
      await expect(registry.connect(registrar).ban(ZERO_ADDRESS, memo("zero")))
        .to.be.revertedWithCustomError(registry, "ZeroAddressInvestor")
        .withArgs();
      expect(await registry.isBanned(ZERO_ADDRESS)).to.equal(false);
    });

    it("refuses to unban an address that was never banned", async function () {
      const { registry, registrar, bob } = await networkHelpers.loadFixture(deployWithVerifiedBob);
      await expect(registry.connect(registrar).unban(bob.address))
        .to.be.revertedWithCustomError(registry, "InvestorNotBanned")
        .withArgs(bob.address);
      await expect(registry.connect(registrar).unban(ZERO_ADDRESS))
        .to.be.revertedWithCustomError(registry, "InvestorNotBanned")
        .withArgs(ZERO_ADDRESS);
    });

    it("refuses to unban an address twice", async function () {
      const { registry, registrar, bob } = await networkHelpers.loadFixture(deployWithBannedBob);
      await registry.connect(registrar).unban(bob.address);
      await expect(registry.connect(registrar).unban(bob.address))
        .to.be.revertedWithCustomError(registry, "InvestorNotBanned")
        .withArgs(bob.address);
    });

    it("refuses a ban by anyone who is not a registrar", async function () {
      const { registry, admin, arbiter, bob, mallory } = await networkHelpers.loadFixture(deployWithVerifiedBob);
      const REGISTRAR_ROLE = await registry.REGISTRAR_ROLE();
      for (const caller of [admin, arbiter, mallory]) {
        await expect(registry.connect(caller).ban(bob.address, memo("grief")))
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, REGISTRAR_ROLE);
      }
      expect(await registry.isBanned(bob.address)).to.equal(false);
    });

    it("refuses an unban by anyone who is not a registrar", async function () {
      const { registry, admin, arbiter, bob } = await networkHelpers.loadFixture(deployWithBannedBob);
      const REGISTRAR_ROLE = await registry.REGISTRAR_ROLE();
      for (const caller of [admin, arbiter, bob]) {
        await expect(registry.connect(caller).unban(bob.address))
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, REGISTRAR_ROLE);
      }
      expect(await registry.isBanned(bob.address)).to.equal(true);
    });
  });

  describe("anyone reading the registry", function () {
    it("reports an unknown address as neither verified nor banned, with no expiry", async function () {
      const { registry, dave } = await networkHelpers.loadFixture(deploySystem);
      expect(await registry.isVerified(dave.address)).to.equal(false);
      expect(await registry.isBanned(dave.address)).to.equal(false);
      expect(await registry.verifiedUntil(dave.address)).to.equal(0n);
    });

    it("reports only arbiters as arbiters", async function () {
      const { registry, deployer, admin, registrar, arbiter, alice } = await networkHelpers.loadFixture(deploySystem);
      expect(await registry.isArbiter(arbiter.address)).to.equal(true);
      for (const account of [deployer, admin, registrar, alice]) {
        expect(await registry.isArbiter(account.address)).to.equal(false);
      }
    });

    it("keeps each investor's record separate", async function () {
      const { registry, registrar, alice, bob, bobUntil } = await networkHelpers.loadFixture(deployWithBannedBob);
      const aliceUntil = bobUntil + 5n;
      await registry.connect(registrar).verify(alice.address, aliceUntil, memo("kyc-alice"));
      expect(await registry.isVerified(alice.address)).to.equal(true);
      expect(await registry.isBanned(alice.address)).to.equal(false);
      expect(await registry.verifiedUntil(alice.address)).to.equal(aliceUntil);
      expect(await registry.isVerified(bob.address)).to.equal(false);
      expect(await registry.isBanned(bob.address)).to.equal(true);
      expect(await registry.verifiedUntil(bob.address)).to.equal(bobUntil);
    });

    it("supports the ERC-165 and AccessControl interfaces", async function () {
      const { registry } = await networkHelpers.loadFixture(deploySystem);
      expect(await registry.supportsInterface("0x01ffc9a7")).to.equal(true); // IERC165
      expect(await registry.supportsInterface("0x7965db0b")).to.equal(true); // IAccessControl
      expect(await registry.supportsInterface("0xffffffff")).to.equal(false);
    });
  });
});
