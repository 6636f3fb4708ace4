package dev.frontierengage.identity;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import dev.frontierengage.platform.OrganizationLimits;
import dev.frontierengage.process.EngineClock;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * An organization's API clients ({@code fe_api_client}): the service accounts its jobs use to get
 * tokens for the developer API from the embedded authorization server. A client authenticates
 * with a secret (kept as a bcrypt hash; shown once, when made or rotated) or with a signed
 * assertion ({@code private_key_jwt}) checked against the public key its organization gave.
 * Every token carries the client's credential version: a rotation or a revocation refuses every
 * token issued before it, at once.
 */
@Component
public class ApiClients {

  /** How many clients one organization may have that are not revoked. */
  public static final int MAX_PER_ORGANIZATION = 20;
  /** How many clients one organization may have made, revoked ones included (kept for the audit). */
  public static final int MAX_KEPT_PER_ORGANIZATION = 200;

  /** The organization has as many clients as it may have ({@link #MAX_PER_ORGANIZATION}, {@link #MAX_KEPT_PER_ORGANIZATION}). */
  public static final class LimitReached extends RuntimeException {
    LimitReached(String message) {
      super(message);
    }
  }
  static final String SECRET_PREFIX = "fes_";
  static final String CLIENT_SECRET = "client_secret";
  static final String PRIVATE_KEY_JWT = "private_key_jwt";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A client as its organization sees it; {@code clientSecret} only in the answer that made it. */
  public record ApiClient(String clientId, String name, String authentication, String createdBy, Instant createdAt,
      Instant rotatedAt, Instant revokedAt, String clientSecret) {}

  /**
   * What the authorization server and the token check need; {@code organizationExists}: whether
   * the organization's group ({@code org-<organization>}) is still in the identity store.
   */
  record Stored(String clientId, String organization, String name, String method, String secretHash,
      String publicKey, int credentialVersion, Instant revokedAt, boolean organizationExists) {
    boolean revoked() {
      return revokedAt != null;
    }

    /** Whether it may get and use tokens: not revoked, and its organization not deleted. */
    boolean usable() {
      return !revoked() && organizationExists;
    }
  }

  /** A key or a name the organization gave that cannot be used. */
  public static class Unusable extends IllegalArgumentException {
    Unusable(String message) {
      super(message);
    }
  }

  private final JdbcTemplate jdbc;
  private final OrganizationLimits limits;
  private final BCryptPasswordEncoder bcrypt;

  ApiClients(DataSource dataSource, SecuritySettings settings, OrganizationLimits limits) {
    this.limits = limits;
    this.jdbc = new JdbcTemplate(dataSource);
    this.bcrypt = new BCryptPasswordEncoder(settings.bcryptStrength());
  }

  /**
   * A new client of the organization: with {@code publicKey} (a public JWK, RSA of 2048 bits or
   * more, or EC P-256) it authenticates by {@code private_key_jwt}; without, by a secret, returned
   * here and never again.
   */
  public ApiClient create(String organization, String name, String publicKey, String by) {
    String key = publicKey == null ? null : publicJwk(publicKey);
    String clientId = "cli_" + HexFormat.of().formatHex(bytes(12));
    String secret = key == null ? newSecret() : null;
    String secretHash = secret == null ? null : bcrypt.encode(secret);
    Instant now = EngineClock.instant();
    // counted and made alone among the organization's requests: parallel ones cannot pass the limit
    limits.alone("api-clients", organization, () -> {
      Long active = jdbc.queryForObject("SELECT COUNT(*) FROM fe_api_client WHERE organization = ? AND revoked_at IS NULL",
          Long.class, organization);
      if (active != null && active >= MAX_PER_ORGANIZATION) {
        throw new LimitReached("Your organization has " + MAX_PER_ORGANIZATION
            + " API clients that are not revoked, the most it may have: revoke one first.");
      }
      if (count(organization) >= MAX_KEPT_PER_ORGANIZATION) {
        throw new LimitReached("Your organization has made " + MAX_KEPT_PER_ORGANIZATION
            + " API clients, revoked ones included, the most it may make.");
      }
      return jdbc.update("INSERT INTO fe_api_client (client_id, organization, name, auth_method, secret_hash, public_key,"
            + " credential_version, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
          clientId, organization, name, key == null ? CLIENT_SECRET : PRIVATE_KEY_JWT, secretHash, key, by,
          Timestamp.from(now));
    });
    return new ApiClient(clientId, name, key == null ? CLIENT_SECRET : PRIVATE_KEY_JWT, by, now, null, null, secret);
  }

  public long count(String organization) {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM fe_api_client WHERE organization = ?", Long.class,
        organization);
    return count == null ? 0 : count;
  }

  public List<ApiClient> list(String organization) {
    return jdbc.query("SELECT * FROM fe_api_client WHERE organization = ? ORDER BY created_at, client_id",
        (rs, n) -> client(rs, null), organization);
  }

  public Optional<ApiClient> find(String organization, String clientId) {
    return jdbc.query("SELECT * FROM fe_api_client WHERE organization = ? AND client_id = ?",
        (rs, n) -> client(rs, null), organization, clientId).stream().findFirst();
  }

  /**
   * New credentials for a client that is not revoked: a new secret (returned), or for a
   * {@code private_key_jwt} client the new public key given. Tokens issued before are refused
   * from now on. Empty when the organization has no such client, or it is revoked.
   */
  public Optional<ApiClient> rotate(String organization, String clientId, String publicKey) {
    Optional<Stored> stored = stored(clientId).filter(s -> s.organization().equals(organization) && !s.revoked());
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    boolean keyed = PRIVATE_KEY_JWT.equals(stored.get().method());
    if (keyed && publicKey == null) {
      throw new Unusable("publicKey: this client signs its assertions: give the new public key to rotate to");
    }
    if (!keyed && publicKey != null) {
      throw new Unusable("publicKey: this client authenticates with a secret: rotate without a key");
    }
    String key = keyed ? publicJwk(publicKey) : null;
    String secret = keyed ? null : newSecret();
    Instant now = EngineClock.instant();
    int changed = jdbc.update("UPDATE fe_api_client SET secret_hash = ?, public_key = ?,"
            + " credential_version = credential_version + 1, rotated_at = ? WHERE client_id = ? AND revoked_at IS NULL",
        secret == null ? null : bcrypt.encode(secret), key, Timestamp.from(now), clientId);
    if (changed != 1) {
      return Optional.empty();
    }
    return find(organization, clientId).map(c -> new ApiClient(c.clientId(), c.name(), c.authentication(),
        c.createdBy(), c.createdAt(), c.rotatedAt(), c.revokedAt(), secret));
  }

  /** Whether {@code clientId} could be a client's: at most 64 characters, no control character. */
  static boolean possibleId(String clientId) {
    return clientId != null && clientId.length() <= 64 && clientId.chars().noneMatch(Character::isISOControl);
  }

  /** Revokes the client: no token for it any more, and those it holds are refused at once. */
  public boolean revoke(String organization, String clientId, String by) {
    return jdbc.update("UPDATE fe_api_client SET revoked_at = ?, revoked_by = ?, credential_version = credential_version + 1"
        + " WHERE organization = ? AND client_id = ? AND revoked_at IS NULL",
        Timestamp.from(EngineClock.instant()), by, organization, clientId) == 1;
  }

  Optional<Stored> stored(String clientId) {
    if (!possibleId(clientId)) {
      return Optional.empty();
    }
    // an organization is its group: once an administrator deletes it, its clients get and use no token
    return jdbc.query("SELECT c.*, CASE WHEN EXISTS (SELECT 1 FROM ACT_ID_GROUP g WHERE g.ID_ = 'org-' || c.organization)"
        + " THEN 1 ELSE 0 END AS organization_exists FROM fe_api_client c WHERE c.client_id = ?", (rs, n) -> new Stored(
        rs.getString("client_id"), rs.getString("organization"), rs.getString("name"), rs.getString("auth_method"),
        rs.getString("secret_hash"), rs.getString("public_key"), rs.getInt("credential_version"),
        instant(rs, "revoked_at"), rs.getInt("organization_exists") == 1), clientId).stream().findFirst();
  }

  /**
   * The public key a JWK the organization gave holds (key type, the key itself and a short key
   * id only), or {@link Unusable} saying why it cannot serve.
   */
  static String publicJwk(String json) {
    if (json.length() > 4_000) {
      throw new Unusable("publicKey is too long: a public RSA key of up to 8192 bits or an EC P-256 key is expected");
    }
    JWK jwk;
    try {
      jwk = JWK.parse(json);
    } catch (java.text.ParseException | RuntimeException e) {
      throw new Unusable("publicKey is not a JSON Web Key (RFC 7517): " + e.getMessage());
    }
    if (jwk.isPrivate()) {
      throw new Unusable("publicKey holds a private key: send the public key only, and keep the private key secret"
          + " (consider this one exposed)");
    }
    String kid = jwk.getKeyID();
    if (kid != null && (kid.length() > 100 || !kid.matches("[\\x21-\\x7e]+"))) {
      throw new Unusable("publicKey: kid must be up to 100 printable characters");
    }
    try {
      if (jwk instanceof RSAKey rsa && rsa.size() >= 2048 && rsa.size() <= 8192) {
        return new RSAKey.Builder(rsa.toRSAPublicKey()).keyID(kid).build().toJSONString();
      }
      if (jwk instanceof ECKey ec && com.nimbusds.jose.jwk.Curve.P_256.equals(ec.getCurve())) {
        return new ECKey.Builder(ec.getCurve(), ec.toECPublicKey()).keyID(kid).build().toJSONString();
      }
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new Unusable("publicKey cannot be read as a key: " + e.getMessage());
    }
    throw new Unusable("publicKey must be an RSA key of 2048 to 8192 bits or an EC key on P-256");
  }

  static boolean isEllipticCurve(String publicJwk) {
    try {
      return JWK.parse(publicJwk) instanceof ECKey;
    } catch (java.text.ParseException e) {
      throw new IllegalStateException("a stored public key cannot be read", e);
    }
  }

  private static ApiClient client(ResultSet rs, String secret) throws SQLException {
    return new ApiClient(rs.getString("client_id"), rs.getString("name"), rs.getString("auth_method"),
        rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "rotated_at"), instant(rs, "revoked_at"),
        secret);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static String newSecret() {
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
  }

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
