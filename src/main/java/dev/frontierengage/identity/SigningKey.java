package dev.frontierengage.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.frontierengage.process.EngineClock;
import java.sql.Timestamp;
import java.text.ParseException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded authorization server's signing key ({@code fe_signing_key}, purpose
 * {@code tokens}): made by the first node that starts, read by every other, so tokens survive a
 * restart and any node accepts any node's tokens. The row holds the private key as the
 * database holds password hashes: whoever reads the database can sign tokens (README, Security).
 */
final class SigningKey {

  static final String PURPOSE = "tokens";

  private SigningKey() {}

  static JWKSet load(DataSource dataSource) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    List<String> stored = read(jdbc);
    if (stored.isEmpty()) {
      RSAKey made;
      try {
        made = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
      } catch (JOSEException e) {
        throw new IllegalStateException("cannot make the token signing key", e);
      }
      try {
        jdbc.update("INSERT INTO fe_signing_key (purpose, key_id, private_key, created_at) VALUES (?, ?, ?, ?)",
            PURPOSE, made.getKeyID(), made.toJSONString(), new Timestamp(EngineClock.now().getTime()));
      } catch (DuplicateKeyException anotherNodeWasFirst) {
        // the other node's key is the one
      }
      stored = read(jdbc);
    }
    try {
      return new JWKSet(RSAKey.parse(stored.get(0)));
    } catch (ParseException e) {
      throw new IllegalStateException("the token signing key in fe_signing_key cannot be read", e);
    }
  }

  private static List<String> read(JdbcTemplate jdbc) {
    return jdbc.queryForList("SELECT private_key FROM fe_signing_key WHERE purpose = ?", String.class, PURPOSE);
  }
}
