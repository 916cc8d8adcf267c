// Fuzz target for the access-key sign-in's discovery (contract section 6): the
// three answers a tenant gives (openid-configuration, the token answer with
// its id token, cxone-configuration), handed to AccessKeySignIn in turn as if
// they came over the network.

#include "fuzz_input.h"
#include "fuzz_targets.h"

#include "client/access_key_sign_in.h"

namespace cc::fuzz {

int discoveryAnswers(const uint8_t *data, size_t size)
{
    const QList<QByteArray> answers = inputParts(inputBytes(data, size), 3);
    ConnectionProfile profile;
    profile.signInMethod = SignInMethod::AccessKey;
    profile.discoveryUrl = QUrl(QStringLiteral("https://cxone.example"));
    profile.clientId = QStringLiteral("client");
    profile.clientSecret = QStringLiteral("secret");
    profile.accessKeyId = QStringLiteral("key");
    profile.accessKeySecret = QStringLiteral("key-secret");
    AccessKeySignIn signIn(profile);

    qsizetype next = 0;
    int outcomes = 0;
    const SignInStrategy::Send send = [&](const RequestSpec &, const SignInStrategy::OnAnswer &onAnswer,
                                          const SignInStrategy::OnError &onError) {
        if (next >= answers.size()) {
            onError(ApiError::make(ApiError::Kind::Network, QStringLiteral("fuzz"), QStringLiteral("no more answers")));
            return;
        }
        HttpAnswer answer;
        answer.status = 200;
        answer.body = answers.at(next++);
        onAnswer(answer);
    };
    signIn.fetchToken(send, [&](const TokenGrant &grant) { outcomes += grant.apiBaseUrl.isValid() ? 1 : 2; },
                      [&](const ApiError &error) { outcomes += error.text().isEmpty() ? 3 : 4; });
    // Exactly one of done and fail, every time.
    if (outcomes == 0)
        __builtin_trap();
    return 0;
}

} // namespace cc::fuzz
