-- The city's configuration version (docs/decisions/014): any write to what intake reads from
-- configuration moves the per-city counter 'config', so every API instance sees at once that its
-- cached copy is stale. The trigger runs as the writer, inside the writer's city (withTenant), so
-- the counter row is written under the tenant policy like any other.
CREATE OR REPLACE FUNCTION public.bump_config_version() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO public.tenant_counters (tenant_id, name, value)
  VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END, 'config', 1)
  ON CONFLICT (tenant_id, name) DO UPDATE SET value = public.tenant_counters.value + 1;
  RETURN NULL;
END $$;--> statement-breakpoint
DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['categories', 'units', 'areas', 'routing_versions', 'sla_calendars', 'holidays'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS config_version ON public.%I', t);
    EXECUTE format('CREATE TRIGGER config_version AFTER INSERT OR UPDATE OR DELETE ON public.%I FOR EACH ROW EXECUTE FUNCTION public.bump_config_version()', t);
  END LOOP;
END $$;
