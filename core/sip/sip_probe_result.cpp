#include "sip/sip_probe_result.h"

namespace cc {

QString sipProbeOutcomeName(SipProbeOutcome outcome)
{
    switch (outcome) {
    case SipProbeOutcome::Answered: return QStringLiteral("answered");
    case SipProbeOutcome::Timeout: return QStringLiteral("timeout");
    case SipProbeOutcome::Refused: return QStringLiteral("refused");
    case SipProbeOutcome::Unreachable: return QStringLiteral("unreachable");
    case SipProbeOutcome::DnsFailed: return QStringLiteral("dns");
    case SipProbeOutcome::TlsFailed: return QStringLiteral("tls");
    case SipProbeOutcome::NetworkError: return QStringLiteral("network");
    case SipProbeOutcome::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("network");
}

QString SipProbeResult::summary() const
{
    switch (outcome) {
    case SipProbeOutcome::Answered: {
        QString text = QString::number(statusCode);
        if (!reason.isEmpty())
            text += QLatin1Char(' ') + reason;
        text += QStringLiteral(" in %1 ms").arg(rttMs, 0, 'f', 1);
        if (!address.isEmpty())
            text += QStringLiteral(" from ") + address;
        if (retransmissions > 0)
            text += QStringLiteral(" (after %1 retransmission%2)").arg(retransmissions).arg(retransmissions == 1 ? QString() : QStringLiteral("s"));
        return text;
    }
    case SipProbeOutcome::Timeout: {
        QString text = QStringLiteral("no answer within %1 s").arg(timeoutMs / 1000.0, 0, 'g', 3);
        if (!address.isEmpty())
            text += QStringLiteral(" from ") + address;
        if (retransmissions > 0)
            text += QStringLiteral(" (%1 retransmission%2)").arg(retransmissions).arg(retransmissions == 1 ? QString() : QStringLiteral("s"));
        if (statusCode > 0)
            text += QStringLiteral(", only a provisional %1").arg(statusCode);
        if (!reason.isEmpty())
            text += QStringLiteral(": ") + reason;
        return text;
    }
    case SipProbeOutcome::DnsFailed:
        return QStringLiteral("down: DNS: ") + reason;
    default:
        return reason;
    }
}

QJsonObject SipProbeResult::toJson() const
{
    QJsonObject object{
        {QStringLiteral("target"), target},
        {QStringLiteral("transport"), sipTransportName(transport).toLower()},
        {QStringLiteral("outcome"), sipProbeOutcomeName(outcome)},
        {QStringLiteral("summary"), summary()},
        {QStringLiteral("retransmissions"), retransmissions},
        {QStringLiteral("timeout_s"), timeoutMs / 1000.0},
    };
    if (statusCode > 0)
        object.insert(QStringLiteral("code"), statusCode);
    if (outcome == SipProbeOutcome::Answered)
        object.insert(QStringLiteral("reason"), reason);
    else
        object.insert(QStringLiteral("error"), reason);
    if (rttMs >= 0)
        object.insert(QStringLiteral("rtt_ms"), qRound(rttMs * 1000.0) / 1000.0);
    if (!address.isEmpty())
        object.insert(QStringLiteral("address"), address);
    if (finishedAt.isValid())
        object.insert(QStringLiteral("at"), finishedAt.toString(Qt::ISODateWithMs));
    return object;
}

} // namespace cc
