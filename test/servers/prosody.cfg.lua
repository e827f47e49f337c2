-- Prosody 0.12 on loopback for Meshline's XMPP tests. @PORT@ and @DIR@ are filled in by test/servers/xmpp-server.ts,
-- which also makes a throwaway CA and a certificate for "localhost" in @DIR@.
run_as_root = true
pidfile = "@DIR@/prosody.pid"
data_path = "@DIR@/data"
interfaces = { "127.0.0.1" }
c2s_ports = { @PORT@ }
c2s_direct_tls_ports = { }
s2s_ports = { }
component_ports = { }
http_ports = { }
https_ports = { }
modules_enabled = { "roster"; "saslauth"; "tls"; "disco"; "ping"; "carbons"; "mam"; "time"; "version"; "vcard" }
modules_disabled = { "s2s"; "posix"; "limits"; "offline" }
authentication = "internal_hashed"
-- SCRAM with the default 10,000 iterations costs seconds of CPU per login here.
default_iteration_count = 100
c2s_require_encryption = true
allow_registration = false
log = { { levels = { min = "info" }, to = "file", filename = "@DIR@/prosody.log" } }
ssl = { certificate = "@DIR@/server.pem"; key = "@DIR@/server.key" }

VirtualHost "localhost"

Component "conference.localhost" "muc"
  modules_enabled = { "muc_mam" }
  muc_log_by_default = true
  muc_log_all_rooms = true
  restrict_room_creation = false
