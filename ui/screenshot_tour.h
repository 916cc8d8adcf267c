#pragma once
// Renders each page of a connected window and the channel editor to PNG files
// (channels.png, editor.png, dashboard.png, quality.png, audit.png, history.png),
// for the README and for a person to look at: `cxone-console --demo --screenshots
// DIR`. With more channels than tiles show (`--demo-channels 1000`) it draws the
// status grid instead (dashboard-1000.png), the wall screen (wall.png) and the
// Alarms page (alarms.png) with one alarm acknowledged and one shelved, as an
// engineer would have them mid-shift.

#include <QObject>
#include <QPointer>
#include <QStringList>

class QTimer;

namespace cc::ui {

class MainWindow;

class ScreenshotTour final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotTour)

public:
    ScreenshotTour(MainWindow *window, const QString &directory, QObject *parent = nullptr);

    // Waits for the channels to load and the monitor's first verdicts (at most
    // `timeoutMs`), then renders.
    void start(int timeoutMs = 60000);
    QStringList written() const { return m_written; }

signals:
    void finished(bool ok, const QString &message);

private:
    void renderWhenReady();
    void renderPages();
    void renderEditor();
    void renderLarge();
    void renderHistory();
    void renderAlarms();
    void finish();
    bool save(QWidget *widget, const QString &name);
    void fail(const QString &message);

    QPointer<MainWindow> m_window;
    QString m_directory;
    QStringList m_written;
    QTimer *m_timeout;
    bool m_started = false;
    QString m_storyChannel;   // the channel with failover targets: the demo's incident
    bool m_done = false;
};

} // namespace cc::ui
